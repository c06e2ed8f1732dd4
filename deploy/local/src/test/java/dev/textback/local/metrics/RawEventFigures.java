package dev.textback.local.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The cohort figures of docs/metrics.md recomputed from the raw events on the topics, with none of
 * metrics-service's code: a plain consumer reads every record, keeps the latest business profile,
 * call, text status and conversion revision, and counts. Agreement with metrics-service is the proof
 * that the fold, the rollups and the queries lose nothing.
 */
final class RawEventFigures {
    // Decimals as BigDecimal: 0.0079 must stay 0.0079, not the nearest double.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final List<String> TOPICS = List.of("textback.businesses.v1", "textback.calls.v1",
            "textback.texts.v1", "textback.crm.v1");

    private final Map<String, JsonNode> profiles = new HashMap<>();
    private final Map<String, JsonNode> calls = new HashMap<>();
    private final Map<String, JsonNode> sent = new LinkedHashMap<>();
    private final Map<String, JsonNode> lastStatus = new HashMap<>();
    private final Map<String, BigDecimal> receiptPrice = new HashMap<>();
    private final Map<String, JsonNode> suppressions = new LinkedHashMap<>();
    private final Map<String, Instant> firstReply = new HashMap<>();
    private final Map<String, Integer> replyAfterStep = new HashMap<>();
    private final Map<String, JsonNode> conversions = new HashMap<>();
    private final Map<String, String> leadOfCall = new HashMap<>();

    static RawEventFigures read(String bootstrap) throws Exception {
        RawEventFigures f = new RawEventFigures();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : TOPICS) {
                c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        f.apply(header(r, "ce_type"), JSON.readTree(r.value()));
                    }
                }
            }
        }
        return f;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void apply(String type, JsonNode e) {
        switch (type) {
            case "textback.business.profile.v1" -> profiles.merge(e.path("businessId").asText(), e,
                    (a, b) -> b.path("revision").asLong() > a.path("revision").asLong() ? b : a);
            case "textback.call.ended.v1" -> calls.put(e.path("callId").asText(), e);
            case "textback.text.sent.v1" -> {
                sent.put(e.path("textId").asText(), e);
                leadOfCall.put(e.path("callId").asText(), e.path("leadId").asText());
            }
            case "textback.text.status-changed.v1" -> {
                lastStatus.merge(e.path("textId").asText(), e, (a, b) ->
                        Instant.parse(b.path("statusAt").asText()).isBefore(Instant.parse(a.path("statusAt").asText())) ? a : b);
                if (e.hasNonNull("price")) {
                    receiptPrice.put(e.path("textId").asText(), e.path("price").decimalValue());
                }
            }
            case "textback.text.suppressed.v1" -> {
                suppressions.put(e.path("callId").asText(), e);
                if (e.hasNonNull("leadId")) {
                    leadOfCall.put(e.path("callId").asText(), e.path("leadId").asText());
                }
            }
            case "textback.reply.received.v1" -> {
                if (e.hasNonNull("leadId") && e.path("afterStep").asInt(-1) >= 0) {
                    String lead = e.path("leadId").asText();
                    Instant at = Instant.parse(e.path("receivedAt").asText());
                    if (!firstReply.containsKey(lead) || at.isBefore(firstReply.get(lead))) {
                        firstReply.put(lead, at);
                        replyAfterStep.put(lead, e.path("afterStep").asInt());
                    }
                }
            }
            case "textback.conversion.recorded.v1" -> conversions.merge(e.path("conversionId").asText(), e,
                    (a, b) -> b.path("revision").asInt() > a.path("revision").asInt() ? b : a);
            default -> {
            }
        }
    }

    /** The cohort figures of one business for [from, to] in its zone, named as in the ROI summary. */
    Map<String, Object> cohort(String businessId, LocalDate from, LocalDate to) {
        JsonNode profile = profiles.get(businessId);
        ZoneId zone = ZoneId.of(profile.path("timeZone").asText("UTC"));
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        long inbound = 0;
        long missed = 0;
        for (JsonNode c : calls.values()) {
            Instant at = Instant.parse(c.path("endedAt").asText());
            if (c.path("businessId").asText().equals(businessId) && !at.isBefore(start) && at.isBefore(end)) {
                inbound++;
                if (!"ANSWERED".equals(c.path("outcome").asText())) {
                    missed++;
                }
            }
        }
        // The leads and when each was missed: a first text states it; otherwise the earliest suppressed call.
        Map<String, Instant> missedAt = new HashMap<>();
        Map<String, JsonNode> firstText = new HashMap<>();
        for (JsonNode s : suppressions.values()) {
            if (s.hasNonNull("leadId") && s.path("businessId").asText().equals(businessId) && s.hasNonNull("missedAt")) {
                missedAt.merge(s.path("leadId").asText(), Instant.parse(s.path("missedAt").asText()),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (JsonNode t : sent.values()) {
            if (t.path("businessId").asText().equals(businessId) && t.path("step").asInt() == 0) {
                firstText.put(t.path("leadId").asText(), t);
            }
        }
        for (JsonNode t : sent.values()) {
            if (t.path("businessId").asText().equals(businessId) && t.hasNonNull("missedAt")) {
                missedAt.put(t.path("leadId").asText(), Instant.parse(t.path("missedAt").asText()));
            }
        }
        List<String> cohort = missedAt.entrySet().stream()
                .filter(e -> !e.getValue().isBefore(start) && e.getValue().isBefore(end)).map(Map.Entry::getKey).toList();
        long texted = 0;
        long delivered = 0;
        long replied = 0;
        List<Long> speeds = new ArrayList<>();
        for (String lead : cohort) {
            JsonNode t = firstText.get(lead);
            if (t != null) {
                texted++;
                JsonNode status = lastStatus.get(t.path("textId").asText());
                if (status != null && "DELIVERED".equals(status.path("status").asText())) {
                    delivered++;
                }
                speeds.add(Math.max(0, Math.floorDiv(Duration.between(missedAt.get(lead),
                        Instant.parse(t.path("acceptedAt").asText())).toMillis(), 1000)));
            }
            if (firstReply.containsKey(lead)) {
                replied++;
            }
        }
        BigDecimal sms = BigDecimal.ZERO;
        for (JsonNode t : sent.values()) {
            if (cohort.contains(t.path("leadId").asText())) {
                BigDecimal price = receiptPrice.getOrDefault(t.path("textId").asText(),
                        t.hasNonNull("price") ? t.path("price").decimalValue() : BigDecimal.ZERO);
                sms = sms.add(price);
            }
        }
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal estimated = BigDecimal.ZERO;
        java.util.Set<String> converted = new java.util.HashSet<>();
        long allCount = 0;
        BigDecimal allValue = BigDecimal.ZERO;
        for (JsonNode c : conversions.values()) {
            if (!c.path("businessId").asText().equals(businessId)) {
                continue;
            }
            Instant occurred = Instant.parse(c.path("occurredAt").asText());
            BigDecimal value = c.hasNonNull("value") ? c.path("value").decimalValue() : BigDecimal.ZERO;
            if (!occurred.isBefore(start) && occurred.isBefore(end)) {
                allCount++;
                allValue = allValue.add(value);
            }
            String lead = leadOfCall.get(c.path("leadCallId").asText(null));
            if (c.path("recovered").asBoolean() && lead != null && cohort.contains(lead)) {
                converted.add(lead);
                revenue = revenue.add(value);
                if (c.path("estimated").asBoolean()) {
                    estimated = estimated.add(value);
                }
            }
        }
        Map<String, Long> suppressed = new TreeMap<>();
        for (JsonNode s : suppressions.values()) {
            if (s.path("businessId").asText().equals(businessId) && s.hasNonNull("missedAt")) {
                Instant at = Instant.parse(s.path("missedAt").asText());
                if (!at.isBefore(start) && at.isBefore(end)) {
                    suppressed.merge(s.path("reason").asText(), 1L, Long::sum);
                }
            }
        }
        speeds.sort(Long::compare);
        BigDecimal monthly = profile.path("monthlyCost").decimalValue();
        BigDecimal subscription = BigDecimal.ZERO;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            subscription = subscription.add(monthly.divide(BigDecimal.valueOf(d.lengthOfMonth()), MC));
        }
        BigDecimal cost = subscription.add(sms);
        long days = to.toEpochDay() - from.toEpochDay() + 1;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inboundCalls", inbound);
        out.put("missedCalls", missed);
        out.put("missedRate", ratio(missed, inbound));
        out.put("leads", (long) cohort.size());
        out.put("texted", texted);
        out.put("suppressed", suppressed);
        out.put("delivered", delivered);
        out.put("replied", replied);
        out.put("converted", (long) converted.size());
        out.put("revenue", money(revenue));
        out.put("estimatedRevenue", money(estimated));
        out.put("smsCost", money(sms));
        out.put("subscriptionCost", money(subscription));
        out.put("cost", money(cost));
        out.put("deliveryRate", ratio(delivered, texted));
        out.put("replyRate", ratio(replied, delivered));
        out.put("conversionRate", ratio(converted.size(), replied));
        out.put("textedConversionRate", ratio(converted.size(), texted));
        out.put("roi", cost.signum() == 0 ? null : revenue.subtract(cost).divide(cost, MC).setScale(4, RoundingMode.HALF_UP));
        out.put("paybackDays", revenue.signum() == 0 ? null
                : monthly.multiply(BigDecimal.valueOf(days)).divide(revenue, MC).setScale(1, RoundingMode.HALF_UP));
        out.put("speedToTextP50Seconds", rank(speeds, 0.50));
        out.put("speedToTextP95Seconds", rank(speeds, 0.95));
        out.put("recoveredClientValue", converted.isEmpty() ? null
                : revenue.divide(BigDecimal.valueOf(converted.size()), MC).setScale(2, RoundingMode.HALF_UP));
        out.put("allClientValue", allCount == 0 ? null
                : allValue.divide(BigDecimal.valueOf(allCount), MC).setScale(2, RoundingMode.HALF_UP));
        return out;
    }

    /** Per variant of the cohort's first texts: texted, delivered, replied, converted. */
    Map<String, List<Long>> variants(String businessId, LocalDate from, LocalDate to) {
        Map<String, List<Long>> out = new TreeMap<>();
        JsonNode profile = profiles.get(businessId);
        ZoneId zone = ZoneId.of(profile.path("timeZone").asText("UTC"));
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        java.util.Set<String> convertedLeads = new java.util.HashSet<>();
        for (JsonNode c : conversions.values()) {
            String lead = leadOfCall.get(c.path("leadCallId").asText(null));
            if (c.path("recovered").asBoolean() && lead != null) {
                convertedLeads.add(lead);
            }
        }
        for (JsonNode t : sent.values()) {
            if (!t.path("businessId").asText().equals(businessId) || t.path("step").asInt() != 0
                    || !t.hasNonNull("missedAt")) {
                continue;
            }
            Instant missed = Instant.parse(t.path("missedAt").asText());
            if (missed.isBefore(start) || !missed.isBefore(end)) {
                continue;
            }
            String lead = t.path("leadId").asText();
            JsonNode status = lastStatus.get(t.path("textId").asText());
            List<Long> row = out.computeIfAbsent(t.path("variant").asText(""), k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
            row.set(0, row.get(0) + 1);
            row.set(1, row.get(1) + (status != null && "DELIVERED".equals(status.path("status").asText()) ? 1 : 0));
            row.set(2, row.get(2) + (firstReply.containsKey(lead) ? 1 : 0));
            row.set(3, row.get(3) + (convertedLeads.contains(lead) ? 1 : 0));
        }
        return out;
    }

    private static Integer rank(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.max(1, Math.ceil(p * sorted.size() - 1e-9));
        return sorted.get(rank - 1).intValue();
    }

    private static BigDecimal ratio(long n, long d) {
        return d == 0 ? null : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
