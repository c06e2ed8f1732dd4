package dev.textback.metrics.roi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The counts and sums of one business's cohort in one period, as read from the facts, plus the
 * business settings the arithmetic needs. Plain data, so {@link RoiCalculator} can be tested without
 * a database.
 *
 * @param monthlyCost      what Textback costs the business per month (null counts as zero)
 * @param suppressed       reason -> number of suppressed missed calls in the period
 * @param revenue          sum of the values of recovered conversions attributed to cohort leads
 * @param estimatedRevenue the part of {@code revenue} whose conversions were estimated
 * @param smsCost          sum of the prices of all texts of cohort leads
 */
public record RoiInputs(
        String businessId,
        LocalDate from,
        LocalDate to,
        String currency,
        BigDecimal monthlyCost,
        long inboundCalls,
        long missedCalls,
        long leads,
        long texted,
        Map<String, Long> suppressed,
        long delivered,
        long replied,
        long converted,
        BigDecimal revenue,
        BigDecimal estimatedRevenue,
        BigDecimal smsCost) {
}
