package dev.textback.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.textback.metrics.roi.SpeedHistogram;

class ProportionsTest {
    @Test
    void wilsonIntervalsMatchPublishedValues() {
        Proportions.Interval half = Proportions.wilson(5, 10);
        assertEquals(0.2366, half.low(), 1e-4);
        assertEquals(0.7634, half.high(), 1e-4);
        Proportions.Interval none = Proportions.wilson(0, 10);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.2775, none.high(), 1e-4);
        assertEquals(0.2065, Proportions.wilson(1, 1).low(), 1e-4);
        assertNull(Proportions.wilson(0, 0), "no trials, no interval");
    }

    @Test
    void twoProportionTestIsTwoSidedWithThePooledRate() {
        Proportions.Test t = Proportions.twoProportion(20, 100, 30, 100);
        assertEquals(1.6330, t.z(), 1e-4);
        assertEquals(0.1025, t.pValue(), 1e-4);
        assertFalse(t.significant());
        Proportions.Test strong = Proportions.twoProportion(200, 1000, 300, 1000);
        assertTrue(strong.significant());
        assertTrue(strong.pValue() < 1e-6);
        assertNull(Proportions.twoProportion(1, 1, 1, 1), "both rates 1: nothing to test");
        assertNull(Proportions.twoProportion(1, 0, 1, 3), "no trials on one side");
        assertEquals(0.975, Proportions.normalCdf(Proportions.Z95), 1e-6);
    }

    @Test
    void speedPercentilesUseTheNearestRank() {
        SpeedHistogram h = new SpeedHistogram();
        assertNull(h.percentile(0.5), "nobody texted: absent");
        h.add(20, 1);
        h.add(40, 1);
        h.add(100, 1);
        assertEquals(40, h.percentile(0.5));
        assertEquals(100, h.percentile(0.95));
        SpeedHistogram many = new SpeedHistogram();
        for (int s = 1; s <= 100; s++) {
            many.add(s, 1);
        }
        assertEquals(50, many.percentile(0.5));
        assertEquals(95, many.percentile(0.95));
    }
}
