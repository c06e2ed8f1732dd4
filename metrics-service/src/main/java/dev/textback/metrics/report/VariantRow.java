package dev.textback.metrics.report;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message variant of the cohort: counts, rates with 95% Wilson intervals, and the test against the baseline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "VariantRow")
public record VariantRow(
        String variant,
        long texted,
        long delivered,
        long replied,
        long converted,
        BigDecimal revenue,
        @Schema(description = "delivered / texted") BigDecimal deliveryRate,
        @Schema(description = "replied / delivered") BigDecimal replyRate,
        BigDecimal replyRateLow,
        BigDecimal replyRateHigh,
        @Schema(description = "converted / texted") BigDecimal conversionRate,
        BigDecimal conversionRateLow,
        BigDecimal conversionRateHigh,
        @Schema(description = "Two-sided p-value of the two-proportion z-test of replyRate against the baseline") BigDecimal replyRatePValue,
        @Schema(description = "Two-sided p-value of the same test of conversionRate") BigDecimal conversionRatePValue,
        @Schema(description = "Whether the reply rate differs from the baseline at the 5% level") Boolean replyRateSignificant,
        @Schema(description = "Whether the conversion rate differs from the baseline at the 5% level") Boolean conversionRateSignificant,
        @Schema(description = "The comparison with the baseline in one plain sentence") String verdict) {
}
