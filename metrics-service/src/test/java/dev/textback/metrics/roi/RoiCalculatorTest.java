package dev.textback.metrics.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RoiCalculatorTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** Inputs of a cohort like the integration test's: 2 texted, 2 delivered, 1 replied, 1 converted. */
    private static RoiInputs inputs(LocalDate from, LocalDate to, String monthlyCost, String revenue, String estimated,
            String sms) {
        return new RoiInputs("b1", from, to, "USD", monthlyCost == null ? null : d(monthlyCost), 4, 3, 2, 2,
                Map.of("CALLER_WITHHELD", 1L), 2, 1, 1, d(revenue), d(estimated), d(sms));
    }

    @Test
    void everyFormulaOnOneDay() {
        LocalDate day = LocalDate.of(2025, 1, 15);
        RoiSummary s = RoiCalculator.summarize(inputs(day, day, "310.00", "150.00", "50.00", "0.0158"));

        assertEquals("b1", s.businessId());
        assertEquals(day, s.from());
        assertEquals(day, s.to());
        assertEquals(1, s.days());
        assertEquals("USD", s.currency());
        assertEquals(4, s.inboundCalls());
        assertEquals(3, s.missedCalls());
        assertEquals(d("0.7500"), s.missedRate());
        assertEquals(2, s.leads());
        assertEquals(2, s.texted());
        assertEquals(Map.of("CALLER_WITHHELD", 1L), s.suppressed());
        assertEquals(2, s.delivered());
        assertEquals(1, s.replied());
        assertEquals(1, s.converted());
        assertEquals(d("150.00"), s.revenue());
        assertEquals(d("50.00"), s.estimatedRevenue());
        assertEquals(d("0.02"), s.smsCost());
        // 310 / 31 days of January
        assertEquals(d("10.00"), s.subscriptionCost());
        // 10 + 0.0158 = 10.0158
        assertEquals(d("10.02"), s.cost());
        assertEquals(d("1.0000"), s.deliveryRate());
        assertEquals(d("0.5000"), s.replyRate());
        assertEquals(d("1.0000"), s.conversionRate());
        assertEquals(d("0.5000"), s.textedConversionRate());
        // (150 - 10.0158) / 10.0158 = 13.97633...
        assertEquals(d("13.9763"), s.roi());
        // 310 / (150 / 1) = 2.0666...
        assertEquals(d("2.1"), s.paybackDays());
    }

    @Test
    void subscriptionIsProRataAcrossAMonthBoundary() {
        // Jan 31 costs 310/31, Feb 1 costs 310/28: 10 + 11.0714285714...
        LocalDate from = LocalDate.of(2025, 1, 31);
        LocalDate to = LocalDate.of(2025, 2, 1);
        RoiSummary s = RoiCalculator.summarize(inputs(from, to, "310.00", "150.00", "0", "0.0158"));
        assertEquals(2, s.days());
        assertEquals(d("21.07"), s.subscriptionCost());
        // cost 21.0872285714...
        assertEquals(d("21.09"), s.cost());
        assertEquals(d("6.1133"), s.roi());
        // 310 / (150 / 2) = 4.1333...
        assertEquals(d("4.1"), s.paybackDays());
    }

    @Test
    void leapFebruaryHasTwentyNineDays() {
        BigDecimal cost = RoiCalculator.subscriptionCost(d("290"), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1));
        // 290/29 + 290/31 = 19.3548...
        assertEquals(d("19.35"), RoiCalculator.money(cost));
    }

    @Test
    void wholeMonthsCostExactlyTheMonthlyCost() {
        BigDecimal cost = RoiCalculator.subscriptionCost(d("99.99"), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31));
        assertEquals(0, d("299.97").compareTo(cost));
    }

    @Test
    void groupingByMonthEqualsTheSumOverEachDay() {
        LocalDate from = LocalDate.of(2024, 1, 17);
        LocalDate to = from.plusDays(365);
        BigDecimal monthly = d("123.45");
        BigDecimal perDay = BigDecimal.ZERO;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            perDay = perDay.add(monthly.divide(BigDecimal.valueOf(YearMonth.from(day).lengthOfMonth()),
                    new MathContext(60)));
        }
        BigDecimal grouped = RoiCalculator.subscriptionCost(monthly, from, to);
        assertEquals(perDay.setScale(20, java.math.RoundingMode.HALF_UP), grouped.setScale(20, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void roundsHalfUpNotHalfEven() {
        assertEquals(d("0.13"), RoiCalculator.money(d("0.125")));
        assertEquals(d("0.01"), RoiCalculator.money(d("0.005")));
        // 1/32 = 0.03125: HALF_EVEN would give 0.0312
        assertEquals(d("0.0313"), RoiCalculator.rate(1, 32));
        // 65 * 1 / 20 = 3.25: HALF_EVEN would give 3.2
        assertEquals(d("3.3"), RoiCalculator.paybackDays(d("65"), d("20"), 1));
        // (10.625 - 10) / 10 = 0.0625 exactly -> 0.0625; (10.00125 - 10) / 10 = 0.000125 -> 0.0001
        assertEquals(d("0.0625"), RoiCalculator.roi(d("10.625"), d("10")));
        assertEquals(d("0.0001"), RoiCalculator.roi(d("10.001"), d("10")));
        assertEquals(d("0.0002"), RoiCalculator.roi(d("10.0015"), d("10")));
    }

    @Test
    void roiUsesTheUnroundedCost() {
        // Only SMS spend: cost 0.0158 (shown as 0.02). With the rounded cost roi would be 49.0000.
        LocalDate day = LocalDate.of(2025, 1, 15);
        RoiSummary s = RoiCalculator.summarize(inputs(day, day, "0", "1", "0", "0.0158"));
        assertEquals(d("0.02"), s.cost());
        assertEquals(d("62.2911"), s.roi());
        assertEquals(d("0.0"), s.paybackDays());
    }

    @Test
    void roiUsesTheUnroundedRevenue() {
        // revenue 0.004 (shown as 0.00), cost 0.001: roi 3.0000, payback 1 * 1 / 0.004 = 250.0
        assertEquals(d("3.0000"), RoiCalculator.roi(d("0.004"), d("0.001")));
        assertEquals(d("250.0"), RoiCalculator.paybackDays(d("1"), d("0.004"), 1));
    }

    @Test
    void zeroDenominatorsGiveNull() {
        LocalDate day = LocalDate.of(2025, 6, 1);
        RoiSummary s = RoiCalculator.summarize(new RoiInputs("b1", day, day, "USD", BigDecimal.ZERO, 0, 0, 0, 0,
                Map.of(), 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
        assertNull(s.missedRate());
        assertNull(s.deliveryRate());
        assertNull(s.replyRate());
        assertNull(s.conversionRate());
        assertNull(s.textedConversionRate());
        assertNull(s.roi(), "cost is zero");
        assertNull(s.paybackDays(), "revenue is zero");
        assertEquals(d("0.00"), s.revenue());
        assertEquals(d("0.00"), s.estimatedRevenue());
        assertEquals(d("0.00"), s.smsCost());
        assertEquals(d("0.00"), s.subscriptionCost());
        assertEquals(d("0.00"), s.cost());
        assertEquals(Map.of(), s.suppressed());
    }

    @Test
    void noRevenueMeansNoPaybackButANegativeRoi() {
        LocalDate day = LocalDate.of(2025, 1, 15);
        RoiSummary s = RoiCalculator.summarize(inputs(day, day, "310", "0", "0", "0"));
        assertNull(s.paybackDays());
        assertEquals(d("-1.0000"), s.roi());
    }

    @Test
    void aMissingMonthlyCostCountsAsZero() {
        LocalDate day = LocalDate.of(2025, 1, 15);
        RoiSummary s = RoiCalculator.summarize(inputs(day, day, null, "150", "0", "0.0158"));
        assertEquals(d("0.00"), s.subscriptionCost());
        assertEquals(d("0.0"), s.paybackDays());
    }

    @Test
    void countsDaysInclusively() {
        assertEquals(1, RoiCalculator.days(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1)));
        assertEquals(366, RoiCalculator.days(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
    }
}
