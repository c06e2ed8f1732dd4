package dev.textback.crm.conversion;

import java.math.BigDecimal;

/**
 * The value a conversion counts with. A reported value counts as is; none means the business's
 * average client value stands in, flagged as estimated so reports can tell the two apart.
 */
public record ConversionValue(BigDecimal value, boolean estimated) {

    public static ConversionValue resolve(BigDecimal reported, BigDecimal averageClientValue) {
        if (reported != null) {
            return new ConversionValue(reported, false);
        }
        return new ConversionValue(averageClientValue, true);
    }
}
