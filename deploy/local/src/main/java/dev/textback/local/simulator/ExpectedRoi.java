package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ROI summary recomputed from what the simulator did, with the definitions written in
 * docs/metrics.md. It is deliberately independent of metrics-service's code: the two agreeing is the
 * end-to-end proof.
 */
public final class ExpectedRoi {
    private static final MathContext MC = MathContext.DECIMAL128;

    private ExpectedRoi() {
    }

    /** The cohort summary of [from, to] in the business's time zone: calls by the day they ended, leads by their opening call's. */
    public static Map<String, Object> compute(BusinessTruth truth, LocalDate from, LocalDate to) {
        List<BusinessTruth.CallTruth> calls = truth.calls().stream()
                .filter(c -> inRange(truth.day(c.endedAt()), from, to)).toList();
        List<LeadTruth> leads = truth.leads().stream().filter(l -> inRange(truth.day(l.missedAt), from, to)).toList();
        long inbound = calls.size();
        long missed = calls.stream().filter(BusinessTruth.CallTruth::missed).count();
        long texted = leads.stream().filter(l -> l.texted).count();
        long delivered = leads.stream().filter(l -> l.delivered).count();
        long replied = leads.stream().filter(l -> l.replied).count();
        long converted = leads.stream().filter(l -> l.converted).count();
        BigDecimal revenue = leads.stream().map(l -> l.revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal estimated = leads.stream().map(l -> l.estimatedRevenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sms = leads.stream().map(l -> l.smsCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal monthly = truth.business().monthlyCost();
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
        out.put("leads", (long) leads.size());
        out.put("texted", texted);
        out.put("delivered", delivered);
        out.put("replied", replied);
        out.put("converted", converted);
        out.put("deliveryRate", ratio(delivered, texted));
        out.put("replyRate", ratio(replied, delivered));
        out.put("conversionRate", ratio(converted, replied));
        out.put("textedConversionRate", ratio(converted, texted));
        out.put("revenue", money(revenue));
        out.put("estimatedRevenue", money(estimated));
        out.put("smsCost", money(sms));
        out.put("subscriptionCost", money(subscription));
        out.put("cost", money(cost));
        out.put("roi", cost.signum() == 0 ? null
                : revenue.subtract(cost).divide(cost, MC).setScale(4, RoundingMode.HALF_UP));
        out.put("paybackDays", revenue.signum() == 0 ? null
                : monthly.divide(revenue.divide(BigDecimal.valueOf(days), MC), MC).setScale(1, RoundingMode.HALF_UP));
        return out;
    }

    /** Missed calls of [from, to] that opened no lead to text, by the reason sms-dispatch should give. */
    public static Map<String, Long> suppressed(BusinessTruth truth, LocalDate from, LocalDate to) {
        Map<String, Long> out = new TreeMap<>();
        truth.calls().stream().filter(c -> c.suppressed() != null && inRange(truth.day(c.endedAt()), from, to))
                .forEach(c -> out.merge(c.suppressed(), 1L, Long::sum));
        return out;
    }

    /** Per step of the cohort of [from, to]: {leads sent the step, leads whose first reply answered it, of those converted}. */
    public static Map<Integer, List<Long>> steps(BusinessTruth truth, LocalDate from, LocalDate to) {
        Map<Integer, List<Long>> out = new TreeMap<>();
        for (LeadTruth l : truth.leads()) {
            if (!inRange(truth.day(l.missedAt), from, to) || !l.texted) {
                continue;
            }
            for (int step = 0; step <= (l.followUpSent ? 1 : 0); step++) {
                boolean answered = l.firstReplyAfterStep == step;
                List<Long> row = out.computeIfAbsent(step, k -> new ArrayList<>(List.of(0L, 0L, 0L)));
                row.set(0, row.get(0) + 1);
                row.set(1, row.get(1) + (answered ? 1 : 0));
                row.set(2, row.get(2) + (answered && l.converted ? 1 : 0));
            }
        }
        return out;
    }

    private static boolean inRange(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
