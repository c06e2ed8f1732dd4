package dev.textback.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.infra.EventSchemas;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.TextTopic;

/**
 * Writes the producers' events as JSON objects (not through the records' constructors, so the test
 * keeps compiling while the contracts gain fields), each checked against its producer's JSON Schema.
 */
final class RawEvents {
    static final String NUMBER = "+15550100000";
    private final ObjectMapper mapper = new ObjectMapper();
    private final String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    final String businessId;

    RawEvents(String businessId) {
        this.businessId = businessId;
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    void profile(String zone, String monthlyCost, String averageClientValue, long revision) {
        send(BusinessTopic.NAME, businessId, id(), BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE,
                map("businessId", businessId, "name", "Review Test", "country", "US", "timeZone", zone,
                        "numbers", List.of(NUMBER), "enabled", true,
                        "templates", List.of(map("variant", "A", "body", "Sorry we missed you", "weight", 1)),
                        "dedupeWindowHours", 12, "averageClientValue", new java.math.BigDecimal(averageClientValue),
                        "monthlyCost", new java.math.BigDecimal(monthlyCost), "currency", "USD", "attributionWindowDays", 30,
                        "revision", revision, "updatedAt", Instant.now().toString()),
                "business-profile.v1.json");
    }

    void call(String callId, String caller, String outcome, Instant endedAt) {
        send(CallTopic.NAME, CallTopic.key(businessId, caller), id(), CallTopic.CALL_ENDED, CallTopic.SOURCE,
                map("callId", callId, "provider", "vonage", "businessId", businessId, "caller", caller,
                        "callerReachable", caller != null, "called", NUMBER, "outcome", outcome,
                        "reason", "unanswered", "startedAt", endedAt.minusSeconds(30).toString(),
                        "endedAt", endedAt.toString(), "durationSeconds", 0),
                "call-ended.v1.json");
    }

    void suppressed(String callId, String leadId, String caller, String reason, Instant missedAt) {
        send(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_SUPPRESSED, TextTopic.SOURCE,
                map("callId", callId, "leadId", leadId, "businessId", businessId, "recipient", caller,
                        "reason", reason, "missedAt", missedAt.toString(), "suppressedAt", missedAt.plusSeconds(1).toString()),
                "text-suppressed.v1.json");
    }

    void textSent(String textId, String leadId, String callId, String caller, int step, String variant,
            Instant missedAt, Instant acceptedAt, String price) {
        send(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_SENT, TextTopic.SOURCE,
                map("textId", textId, "leadId", leadId, "businessId", businessId, "callId", callId,
                        "recipient", caller, "sender", NUMBER, "step", step, "variant", variant,
                        "missedAt", missedAt.toString(), "acceptedAt", acceptedAt.toString(),
                        "providerMessageId", "msg-" + textId, "segments", 1, "price", new java.math.BigDecimal(price),
                        "currency", "USD"),
                "text-sent.v1.json");
    }

    void receipt(String textId, String leadId, String caller, int step, String status, Instant at) {
        send(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_STATUS_CHANGED, TextTopic.SOURCE,
                map("textId", textId, "leadId", leadId, "businessId", businessId, "recipient", caller, "step", step,
                        "status", status, "providerMessageId", "msg-" + textId, "statusAt", at.toString()),
                "text-status-changed.v1.json");
    }

    void reply(String leadId, String caller, int afterStep, Instant at) {
        send(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.REPLY_RECEIVED, TextTopic.SOURCE,
                map("replyId", "reply-" + id(), "leadId", leadId, "businessId", businessId, "sender", caller,
                        "text", "Yes please", "afterStep", afterStep, "receivedAt", at.toString()),
                "reply-received.v1.json");
    }

    void conversion(String conversionId, String caller, String leadCallId, String value, boolean estimated,
            int revision, Instant occurredAt) {
        send(CrmTopic.NAME, CrmTopic.key(businessId, caller), id(), CrmTopic.CONVERSION_RECORDED, CrmTopic.SOURCE,
                map("conversionId", conversionId, "businessId", businessId, "contactId", "contact-" + caller,
                        "phone", caller, "type", "booking", "value", new java.math.BigDecimal(value), "currency", "USD",
                        "estimated", estimated, "occurredAt", occurredAt.toString(), "leadCallId", leadCallId,
                        "recovered", leadCallId != null, "revision", revision, "recordedAt", Instant.now().toString()),
                "conversion-recorded.v1.json");
    }

    void optOut(String leadId, String phone, Instant at) {
        send(TextTopic.NAME, TextTopic.key(businessId, phone), id(), TextTopic.OPT_OUT_CHANGED, TextTopic.SOURCE,
                map("businessId", businessId, "phone", phone, "optedOut", true, "keyword", "STOP", "leadId", leadId,
                        "changedAt", at.toString()),
                "opt-out-changed.v1.json");
    }

    /** Sends the previous event again with the same id and body, as a producer retry or a redelivery does. */
    void redeliverLast() {
        TopicWriter.send(bootstrap, last[0], last[1], last[2], last[3], last[4], last[5]);
    }

    private final String[] last = new String[6];

    private void send(String topic, String key, String eventId, String type, String source, Map<String, Object> body,
            String schema) {
        body.values().removeIf(v -> v == null);
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), EventSchemas.violations("schemas/" + schema, json), schema + ": " + json);
        TopicWriter.send(bootstrap, topic, key, eventId, type, source, json);
        String[] sent = {topic, key, eventId, type, source, json};
        System.arraycopy(sent, 0, last, 0, sent.length);
    }
}
