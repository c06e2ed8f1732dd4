package dev.textback.metrics.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the review page writes the API's figures: the same values, only dressed for reading. The
 * browser test applies these same rules to the API's JSON and expects the page's text.
 */
public final class Format {
    public static final String ABSENT = "–";

    private Format() {
    }

    public static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return ABSENT;
        }
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String n = f.format(amount.setScale(2, RoundingMode.HALF_UP));
        return "USD".equals(currency) || currency == null ? "$" + n : n + " " + currency;
    }

    /** A rate (0.6667) as a percentage with one decimal (66.7%). */
    public static String percent(BigDecimal rate) {
        return rate == null ? ABSENT : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    public static String count(long n) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
    }

    public static String roi(BigDecimal roi) {
        return roi == null ? ABSENT : roi.setScale(2, RoundingMode.HALF_UP).toPlainString() + "×";
    }

    public static String days(BigDecimal days) {
        return days == null ? ABSENT : days.toPlainString() + " days";
    }

    public static String seconds(Integer seconds) {
        if (seconds == null) {
            return ABSENT;
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        return (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    /** Signed change, in points for rates. */
    public static String changePoints(BigDecimal change) {
        if (change == null) {
            return "";
        }
        BigDecimal pts = change.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        return (pts.signum() > 0 ? "+" : "") + pts.toPlainString() + " pts";
    }

    public static String changeMoney(BigDecimal change, String currency) {
        if (change == null) {
            return "";
        }
        return (change.signum() > 0 ? "+" : change.signum() < 0 ? "-" : "") + money(change.abs(), currency);
    }
}
