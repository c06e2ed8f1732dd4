package dev.textback.metrics.roi;

import java.math.BigDecimal;

/**
 * What the summary reports beyond the ROI arithmetic: the view, opt-outs, speed to text and client
 * values. Kept apart from {@link RoiInputs} so the ROI inputs stay as documented.
 *
 * @param allConversions      conversions of any caller that occurred in the period (the whole client base)
 * @param allConversionsValue their summed values
 * @param averageClientValue  the business's own average client value setting
 */
public record RoiExtras(
        View view,
        long optedOut,
        SpeedHistogram speed,
        BigDecimal averageClientValue,
        long allConversions,
        BigDecimal allConversionsValue) {

    public static RoiExtras none() {
        return new RoiExtras(View.COHORT, 0, new SpeedHistogram(), null, 0, BigDecimal.ZERO);
    }
}
