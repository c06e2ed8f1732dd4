package dev.textback.metrics.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.textback.metrics.roi.RoiSummary;

/**
 * The numeric figures of a summary by name, in one order: the columns of the CSV export and the
 * fields whose month-over-month change is reported.
 */
public final class Figures {
    public static final Map<String, Function<RoiSummary, Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("inboundCalls", RoiSummary::inboundCalls);
        ALL.put("missedCalls", RoiSummary::missedCalls);
        ALL.put("missedRate", RoiSummary::missedRate);
        ALL.put("leads", RoiSummary::leads);
        ALL.put("texted", RoiSummary::texted);
        ALL.put("suppressedCalls", s -> s.suppressed().values().stream().mapToLong(Long::longValue).sum());
        ALL.put("delivered", RoiSummary::delivered);
        ALL.put("replied", RoiSummary::replied);
        ALL.put("converted", RoiSummary::converted);
        ALL.put("optedOut", RoiSummary::optedOut);
        ALL.put("deliveryRate", RoiSummary::deliveryRate);
        ALL.put("replyRate", RoiSummary::replyRate);
        ALL.put("conversionRate", RoiSummary::conversionRate);
        ALL.put("textedConversionRate", RoiSummary::textedConversionRate);
        ALL.put("revenue", RoiSummary::revenue);
        ALL.put("estimatedRevenue", RoiSummary::estimatedRevenue);
        ALL.put("smsCost", RoiSummary::smsCost);
        ALL.put("subscriptionCost", RoiSummary::subscriptionCost);
        ALL.put("cost", RoiSummary::cost);
        ALL.put("roi", RoiSummary::roi);
        ALL.put("paybackDays", RoiSummary::paybackDays);
        ALL.put("speedToTextP50Seconds", RoiSummary::speedToTextP50Seconds);
        ALL.put("speedToTextP95Seconds", RoiSummary::speedToTextP95Seconds);
        ALL.put("recoveredClientValue", RoiSummary::recoveredClientValue);
        ALL.put("allClientValue", RoiSummary::allClientValue);
    }

    private Figures() {
    }

    /** Each figure of {@code current} minus the same of {@code previous}; absent when either is absent. */
    public static Map<String, BigDecimal> change(RoiSummary current, RoiSummary previous) {
        Map<String, BigDecimal> change = new LinkedHashMap<>();
        if (previous == null) {
            return change;
        }
        ALL.forEach((name, get) -> {
            BigDecimal a = decimal(get.apply(current));
            BigDecimal b = decimal(get.apply(previous));
            if (a != null && b != null) {
                change.put(name, a.subtract(b));
            }
        });
        return change;
    }

    static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }
}
