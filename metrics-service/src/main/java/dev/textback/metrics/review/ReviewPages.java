package dev.textback.metrics.review;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.report.MonthRow;
import dev.textback.metrics.report.MonthlyReport;
import dev.textback.metrics.report.Reports;
import dev.textback.metrics.report.StepReport;
import dev.textback.metrics.report.StepRow;
import dev.textback.metrics.report.VariantReport;
import dev.textback.metrics.report.VariantRow;
import dev.textback.metrics.roi.Period;
import dev.textback.metrics.roi.RoiSummary;
import dev.textback.metrics.roi.View;

/**
 * Builds the monthly review from the same report services the API answers with, so the page cannot
 * show a number the API would not give.
 */
@ApplicationScoped
public class ReviewPages {
    @Inject
    Reports reports;

    public ReviewPage build(BusinessEntity business, YearMonth month) {
        MonthlyReport table = reports.months(business, month, View.COHORT);
        MonthRow row = table.months().get(table.months().size() - 1);
        RoiSummary s = row.summary();
        Map<String, BigDecimal> change = row.change();
        String currency = business.currency;
        Period period = new Period(month.atDay(1), month.atEndOfMonth());
        VariantReport variants = reports.variants(business, period);
        StepReport steps = reports.steps(business, period);
        String label = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
        String vs = "vs " + month.minusMonths(1).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);

        List<ReviewPage.Tile> tiles = List.of(
                tile("revenue", "Revenue recovered", Format.money(s.revenue(), currency), s.revenue(),
                        s.estimatedRevenue().signum() == 0 ? Format.changeMoney(change.get("revenue"), currency) + " " + vs
                                : "of which " + Format.money(s.estimatedRevenue(), currency) + " estimated"),
                tile("cost", "Cost", Format.money(s.cost(), currency), s.cost(),
                        "subscription " + Format.money(s.subscriptionCost(), currency) + " + texts "
                                + Format.money(s.smsCost(), currency)),
                tile("roi", "Return on investment", Format.roi(s.roi()), s.roi(), "(revenue − cost) / cost"),
                tile("paybackDays", "Payback period", Format.days(s.paybackDays()), s.paybackDays(),
                        "days of recovered revenue that pay for a month"),
                tile("replyRate", "Reply rate", Format.percent(s.replyRate()), s.replyRate(),
                        Format.changePoints(change.get("replyRate")) + " " + vs),
                tile("conversionRate", "Conversion rate", Format.percent(s.conversionRate()), s.conversionRate(),
                        "of leads who replied; " + Format.changePoints(change.get("conversionRate")) + " " + vs),
                tile("speedToTextP50Seconds", "Speed to text (median)", Format.seconds(s.speedToTextP50Seconds()),
                        s.speedToTextP50Seconds() == null ? null : BigDecimal.valueOf(s.speedToTextP50Seconds()),
                        "from missed call to text sent"),
                tile("speedToTextP95Seconds", "Speed to text (95th percentile)",
                        Format.seconds(s.speedToTextP95Seconds()),
                        s.speedToTextP95Seconds() == null ? null : BigDecimal.valueOf(s.speedToTextP95Seconds()),
                        "19 in 20 leads were texted at least this fast"),
                tile("recoveredClientValue", "Average recovered client", Format.money(s.recoveredClientValue(), currency),
                        s.recoveredClientValue(), "all clients this month: " + Format.money(s.allClientValue(), currency)));

        List<Svg.Bar> funnel = List.of(
                new Svg.Bar("Missed calls", s.missedCalls(), Format.count(s.missedCalls())),
                new Svg.Bar("Leads", s.leads(), Format.count(s.leads())),
                new Svg.Bar("Texted", s.texted(), Format.count(s.texted())),
                new Svg.Bar("Delivered", s.delivered(), Format.count(s.delivered())),
                new Svg.Bar("Replied", s.replied(), Format.count(s.replied())),
                new Svg.Bar("Converted", s.converted(),
                        Format.count(s.converted()) + " → " + Format.money(s.revenue(), currency)));

        List<String> months = new ArrayList<>();
        List<BigDecimal> reply = new ArrayList<>();
        List<BigDecimal> conversion = new ArrayList<>();
        List<BigDecimal> revenue = new ArrayList<>();
        for (MonthRow m : table.months()) {
            months.add(m.month());
            reply.add(m.summary().replyRate());
            conversion.add(m.summary().conversionRate());
            revenue.add(m.summary().revenue());
        }

        List<ReviewPage.VariantLine> variantLines = new ArrayList<>();
        for (VariantRow v : variants.variants()) {
            variantLines.add(new ReviewPage.VariantLine(v.variant(), Format.count(v.texted()),
                    Format.percent(v.replyRate()),
                    v.replyRateLow() == null ? Format.ABSENT
                            : Format.percent(v.replyRateLow()) + " – " + Format.percent(v.replyRateHigh()),
                    Svg.interval(v.replyRateLow(), v.replyRate(), v.replyRateHigh()),
                    Format.percent(v.conversionRate()), Format.money(v.revenue(), currency), v.verdict()));
        }
        List<ReviewPage.StepLine> stepLines = new ArrayList<>();
        for (StepRow r : steps.steps()) {
            stepLines.add(new ReviewPage.StepLine(r.step() == 0 ? "First text" : "Follow-up " + r.step(),
                    Format.count(r.sent()), Format.count(r.replied()), Format.percent(r.replyRate()),
                    Format.changePoints(r.addedReplyRate())));
        }

        return new ReviewPage(business.id, business.name == null ? business.id : business.name, month.toString(), label,
                headline(s, currency, label), tiles,
                Svg.funnel("Funnel from missed call to revenue, " + label, funnel),
                Svg.rates("Reply rate and conversion rate, last 12 months", months, reply, "Reply rate", conversion,
                        "Conversion rate"),
                Svg.money("Revenue recovered, last 12 months", months, revenue),
                variantLines,
                variantLines.size() < 2 ? "Only one message variant was sent this month." : null,
                stepLines);
    }

    static String headline(RoiSummary s, String currency, String label) {
        if (s.missedCalls() == 0) {
            return "No missed calls in " + label + ".";
        }
        return "In " + label + ", " + plural(s.missedCalls(), "missed call") + " became "
                + plural(s.texted(), "text conversation") + ", " + plural(s.converted(), "client") + " and "
                + Format.money(s.revenue(), currency) + " recovered"
                + (s.roi() == null ? "." : ", a return of " + Format.roi(s.roi()) + " on what Textback cost.");
    }

    private static String plural(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static ReviewPage.Tile tile(String figure, String label, String text, BigDecimal value, String note) {
        return new ReviewPage.Tile(figure, label, text, value == null ? "" : value.toPlainString(), note.trim());
    }
}
