package dev.textback.metrics.roi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ROI arithmetic, and nothing else: no database, no clock. Everything is computed in BigDecimal at
 * full precision (divisions that do not terminate keep 40 significant digits) and only the outputs are
 * rounded, HALF_UP: money to 2 decimals, rates and roi to 4, paybackDays to 1. roi and paybackDays use
 * the unrounded revenue and cost. A zero denominator gives null.
 */
public final class RoiCalculator {
    static final MathContext PRECISION = new MathContext(40, RoundingMode.HALF_EVEN);
    static final int MONEY_SCALE = 2;
    static final int RATE_SCALE = 4;
    static final int DAYS_SCALE = 1;

    private RoiCalculator() {
    }

    public static RoiSummary summarize(RoiInputs in) {
        return summarize(in, RoiExtras.none());
    }

    public static RoiSummary summarize(RoiInputs in, RoiExtras x) {
        long days = days(in.from(), in.to());
        BigDecimal monthlyCost = orZero(in.monthlyCost());
        BigDecimal revenue = orZero(in.revenue());
        BigDecimal smsCost = orZero(in.smsCost());
        BigDecimal subscriptionCost = subscriptionCost(monthlyCost, in.from(), in.to());
        BigDecimal cost = subscriptionCost.add(smsCost);
        return new RoiSummary(
                in.businessId(),
                in.from(),
                in.to(),
                days,
                in.currency(),
                in.inboundCalls(),
                in.missedCalls(),
                rate(in.missedCalls(), in.inboundCalls()),
                in.leads(),
                in.texted(),
                in.suppressed() == null ? Map.of() : new TreeMap<>(in.suppressed()),
                in.delivered(),
                in.replied(),
                in.converted(),
                money(revenue),
                money(orZero(in.estimatedRevenue())),
                money(smsCost),
                money(subscriptionCost),
                money(cost),
                rate(in.delivered(), in.texted()),
                rate(in.replied(), in.delivered()),
                rate(in.converted(), in.replied()),
                rate(in.converted(), in.texted()),
                roi(revenue, cost),
                paybackDays(monthlyCost, revenue, days),
                x.view().label(),
                x.optedOut(),
                x.speed().percentile(0.50),
                x.speed().percentile(0.95),
                average(revenue, in.converted()),
                average(orZero(x.allConversionsValue()), x.allConversions()),
                x.averageClientValue() == null ? null : money(x.averageClientValue()),
                in.monthlyCost() == null ? null : money(in.monthlyCost()));
    }

    /** Days in the inclusive range. */
    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * Sum over each day d of the range of monthlyCost / (days in d's month), unrounded. Days are grouped
     * by month (n days of a D-day month cost monthlyCost * n / D), which is the same sum with fewer
     * divisions.
     */
    public static BigDecimal subscriptionCost(BigDecimal monthlyCost, LocalDate from, LocalDate to) {
        BigDecimal total = BigDecimal.ZERO;
        if (monthlyCost == null || monthlyCost.signum() == 0 || from.isAfter(to)) {
            return total;
        }
        LocalDate day = from;
        while (!day.isAfter(to)) {
            YearMonth month = YearMonth.from(day);
            LocalDate lastInRange = month.atEndOfMonth().isBefore(to) ? month.atEndOfMonth() : to;
            long n = ChronoUnit.DAYS.between(day, lastInRange) + 1;
            total = total.add(monthlyCost.multiply(BigDecimal.valueOf(n))
                    .divide(BigDecimal.valueOf(month.lengthOfMonth()), PRECISION));
            day = lastInRange.plusDays(1);
        }
        return total;
    }

    /** numerator / denominator to 4 decimals, or null when the denominator is zero. */
    public static BigDecimal rate(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** (revenue - cost) / cost to 4 decimals, or null when cost is zero. */
    public static BigDecimal roi(BigDecimal revenue, BigDecimal cost) {
        if (cost.signum() == 0) {
            return null;
        }
        return revenue.subtract(cost).divide(cost, PRECISION).setScale(RATE_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * monthlyCost / (revenue / days) = monthlyCost * days / revenue, to 1 decimal; null when nothing was
     * recovered (revenue per day is zero).
     */
    public static BigDecimal paybackDays(BigDecimal monthlyCost, BigDecimal revenue, long days) {
        if (revenue.signum() == 0 || days == 0) {
            return null;
        }
        return monthlyCost.multiply(BigDecimal.valueOf(days)).divide(revenue, PRECISION)
                .setScale(DAYS_SCALE, RoundingMode.HALF_UP);
    }

    /** total / count in money, or null when count is zero. */
    public static BigDecimal average(BigDecimal total, long count) {
        if (count == 0) {
            return null;
        }
        return total.divide(BigDecimal.valueOf(count), PRECISION).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal money(BigDecimal amount) {
        return orZero(amount).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
