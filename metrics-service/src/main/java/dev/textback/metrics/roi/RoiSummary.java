package dev.textback.metrics.roi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The ROI report of one business for one period (cohort view: a lead counts in the period of its
 * missed call). Money has 2 decimals, rates and roi 4, paybackDays 1 (all HALF_UP, rounded only here).
 * A ratio whose denominator is zero is absent (null), never NaN.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RoiSummary", description = "Cohort ROI report of one business for a period of local dates")
public record RoiSummary(
        String businessId,
        @Schema(description = "First day, inclusive, in the business's time zone") LocalDate from,
        @Schema(description = "Last day, inclusive, in the business's time zone") LocalDate to,
        @Schema(description = "Number of days in the period") long days,
        String currency,
        @Schema(description = "Calls that ended in the period") long inboundCalls,
        @Schema(description = "Inbound calls that ended MISSED or VOICEMAIL") long missedCalls,
        @Schema(description = "missedCalls / inboundCalls") BigDecimal missedRate,
        @Schema(description = "Leads whose missed call is in the period") long leads,
        @Schema(description = "Leads that got a first text (step 0)") long texted,
        @Schema(description = "Suppressed missed calls in the period, by reason") Map<String, Long> suppressed,
        @Schema(description = "Texted leads whose first text was delivered") long delivered,
        @Schema(description = "Leads that replied to a text") long replied,
        @Schema(description = "Leads with at least one recovered conversion") long converted,
        @Schema(description = "Sum of recovered conversion values (latest revision)") BigDecimal revenue,
        @Schema(description = "The part of revenue that used the average client value") BigDecimal estimatedRevenue,
        @Schema(description = "Price of every text of the cohort's leads") BigDecimal smsCost,
        @Schema(description = "Monthly cost pro rata: sum over the days of monthlyCost / days in that month") BigDecimal subscriptionCost,
        @Schema(description = "subscriptionCost + smsCost") BigDecimal cost,
        @Schema(description = "delivered / texted") BigDecimal deliveryRate,
        @Schema(description = "replied / delivered") BigDecimal replyRate,
        @Schema(description = "converted / replied") BigDecimal conversionRate,
        @Schema(description = "converted / texted") BigDecimal textedConversionRate,
        @Schema(description = "(revenue - cost) / cost") BigDecimal roi,
        @Schema(description = "monthlyCost / (revenue / days)") BigDecimal paybackDays,
        @Schema(description = "cohort (by the missed call's date, the default) or activity (by each event's date)") String view,
        @Schema(description = "Leads that opted out") long optedOut,
        @Schema(description = "Median seconds from the end of the missed call to the provider accepting the first text (nearest rank)") Integer speedToTextP50Seconds,
        @Schema(description = "95th percentile of the same (nearest rank)") Integer speedToTextP95Seconds,
        @Schema(description = "revenue / converted: average value of a recovered client") BigDecimal recoveredClientValue,
        @Schema(description = "Average value of every conversion that occurred in the period, recovered or not (the whole client base)") BigDecimal allClientValue,
        @Schema(description = "The business's average client value setting (used for conversions without a value)") BigDecimal averageClientValue,
        @Schema(description = "What Textback costs the business per month") BigDecimal monthlyCost) {
}
