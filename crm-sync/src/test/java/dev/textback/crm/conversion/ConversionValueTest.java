package dev.textback.crm.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ConversionValueTest {
    private static final BigDecimal AVERAGE = new BigDecimal("180.00");

    @Test
    void missingValueUsesTheAverageClientValueAndIsEstimated() {
        ConversionValue v = ConversionValue.resolve(null, AVERAGE);
        assertEquals(0, v.value().compareTo(AVERAGE));
        assertTrue(v.estimated());
    }

    @Test
    void reportedValueCountsAsIs() {
        ConversionValue v = ConversionValue.resolve(new BigDecimal("99.95"), AVERAGE);
        assertEquals(new BigDecimal("99.95"), v.value());
        assertFalse(v.estimated());
    }

    @Test
    void aReportedZeroIsARealValueNotAnEstimate() {
        ConversionValue v = ConversionValue.resolve(BigDecimal.ZERO, AVERAGE);
        assertEquals(0, v.value().signum());
        assertFalse(v.estimated());
    }
}
