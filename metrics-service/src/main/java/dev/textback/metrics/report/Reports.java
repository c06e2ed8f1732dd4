package dev.textback.metrics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.roi.Period;
import dev.textback.metrics.roi.RoiCalculator;
import dev.textback.metrics.roi.RoiQueries;
import dev.textback.metrics.roi.RoiSummary;
import dev.textback.metrics.roi.View;
import dev.textback.metrics.rollup.Rollups;
import dev.textback.metrics.stats.Proportions;

/** Rolling windows, the 12-month table, variants and steps, all from the daily rollups. */
@ApplicationScoped
public class Reports {
    @Inject
    RoiQueries roi;
    @Inject
    Rollups rollups;
    @Inject
    EntityManager em;

    public RollingReport rolling(BusinessEntity business, LocalDate through, View view) {
        return new RollingReport(business.id, through, view.label(),
                roi.summary(business, new Period(through.minusDays(6), through), view),
                roi.summary(business, new Period(through.minusDays(29), through), view),
                roi.summary(business, new Period(through.minusDays(89), through), view));
    }

    /** The 12 months ending with {@code last}, each with its change from the month before. */
    public MonthlyReport months(BusinessEntity business, YearMonth last, View view) {
        YearMonth first = last.minusMonths(11);
        Map<YearMonth, RoiSummary> all = roi.months(business, first.minusMonths(1), last, view);
        List<MonthRow> rows = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            RoiSummary s = all.get(m);
            rows.add(new MonthRow(m.toString(), s, Figures.change(s, all.get(m.minusMonths(1)))));
        }
        return new MonthlyReport(business.id, business.currency, view.label(), rows);
    }

    public String monthsCsv(BusinessEntity business, YearMonth last, View view) {
        StringBuilder csv = new StringBuilder("month");
        Figures.ALL.keySet().forEach(name -> csv.append(',').append(name));
        csv.append("\r\n");
        for (MonthRow row : months(business, last, view).months()) {
            csv.append(row.month());
            Figures.ALL.values().forEach(get -> {
                Object v = get.apply(row.summary());
                csv.append(',').append(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            });
            csv.append("\r\n");
        }
        return csv.toString();
    }

    public VariantReport variants(BusinessEntity business, Period period) {
        rollups.refreshIfPending();
        List<Object[]> rows = NativeSql.of(em, """
                select variant, sum(texted), sum(delivered), sum(replied), sum(converted), sum(revenue)
                from lead_day where business_id = :b and day between :from and :to and variant <> ''
                group by variant order by variant
                """).text("b", business.id).date("from", period.from()).date("to", period.to()).rows();
        List<VariantRow> out = new ArrayList<>();
        Object[] base = rows.isEmpty() ? null : rows.get(0);
        for (Object[] r : rows) {
            out.add(variant(r, r == base ? null : base));
        }
        return new VariantReport(business.id, period.from(), period.to(), business.currency,
                base == null ? null : (String) base[0], out);
    }

    private static VariantRow variant(Object[] r, Object[] base) {
        String name = (String) r[0];
        long texted = NativeSql.longOf(r[1]);
        long delivered = NativeSql.longOf(r[2]);
        long replied = NativeSql.longOf(r[3]);
        long converted = NativeSql.longOf(r[4]);
        Proportions.Interval reply = Proportions.wilson(replied, delivered);
        Proportions.Interval conversion = Proportions.wilson(converted, texted);
        Proportions.Test replyTest = null;
        Proportions.Test conversionTest = null;
        String verdict = "Baseline: the other variants are compared with this one.";
        if (base != null) {
            replyTest = Proportions.twoProportion(NativeSql.longOf(base[3]), NativeSql.longOf(base[2]), replied,
                    delivered);
            conversionTest = Proportions.twoProportion(NativeSql.longOf(base[4]), NativeSql.longOf(base[1]),
                    converted, texted);
            verdict = verdict(name, (String) base[0], RoiCalculator.rate(replied, delivered),
                    RoiCalculator.rate(NativeSql.longOf(base[3]), NativeSql.longOf(base[2])), replyTest);
        }
        return new VariantRow(name, texted, delivered, replied, converted, RoiCalculator.money(NativeSql.decimalOf(r[5])),
                RoiCalculator.rate(delivered, texted), RoiCalculator.rate(replied, delivered),
                bound(reply == null ? null : reply.low()), bound(reply == null ? null : reply.high()),
                RoiCalculator.rate(converted, texted),
                bound(conversion == null ? null : conversion.low()), bound(conversion == null ? null : conversion.high()),
                replyTest == null ? null : bound(replyTest.pValue()),
                conversionTest == null ? null : bound(conversionTest.pValue()),
                replyTest == null ? null : replyTest.significant(),
                conversionTest == null ? null : conversionTest.significant(),
                verdict);
    }

    /** The reply-rate comparison as a sentence a business owner can act on. */
    static String verdict(String variant, String baseline, BigDecimal rate, BigDecimal baseRate, Proportions.Test test) {
        if (rate == null || baseRate == null || test == null) {
            return "Not enough delivered texts yet to compare " + variant + " with " + baseline + ".";
        }
        String p = String.format(Locale.ROOT, "p = %.3f", test.pValue());
        if (!test.significant()) {
            return String.format(Locale.ROOT,
                    "%s replies %s against %s for %s: the difference is not significant yet (%s), so keep both running.",
                    variant, percent(rate), percent(baseRate), baseline, p);
        }
        return String.format(Locale.ROOT, "%s replies %s against %s for %s: significantly %s (%s).", variant,
                percent(rate), percent(baseRate), baseline, rate.compareTo(baseRate) > 0 ? "better" : "worse", p);
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static BigDecimal bound(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    public StepReport steps(BusinessEntity business, Period period) {
        rollups.refreshIfPending();
        List<Object[]> rows = NativeSql.of(em, """
                select step, sum(sent), sum(replied), sum(converted)
                from step_day where business_id = :b and day between :from and :to and step >= 0
                group by step order by step
                """).text("b", business.id).date("from", period.from()).date("to", period.to()).rows();
        long firstSent = rows.isEmpty() || ((Number) rows.get(0)[0]).intValue() != 0 ? 0 : NativeSql.longOf(rows.get(0)[1]);
        long cumReplied = 0;
        long cumConverted = 0;
        List<StepRow> out = new ArrayList<>();
        for (Object[] r : rows) {
            long sent = NativeSql.longOf(r[1]);
            long replied = NativeSql.longOf(r[2]);
            long converted = NativeSql.longOf(r[3]);
            cumReplied += replied;
            cumConverted += converted;
            out.add(new StepRow(((Number) r[0]).intValue(), sent, replied, converted, RoiCalculator.rate(replied, sent),
                    cumReplied, cumConverted, RoiCalculator.rate(replied, firstSent),
                    RoiCalculator.rate(cumReplied, firstSent)));
        }
        return new StepReport(business.id, period.from(), period.to(), out);
    }
}
