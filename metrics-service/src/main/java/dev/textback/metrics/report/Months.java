package dev.textback.metrics.report;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import dev.textback.metrics.web.ProblemException;

/** The {@code YYYY-MM} month parameter: absent means the current month in the business's zone. */
public final class Months {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private Months() {
    }

    public static YearMonth parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (MONTH.matcher(v).matches()) {
                YearMonth m = YearMonth.parse(v);
                if (m.getYear() >= 1970) {
                    return m;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ProblemException.invalid(field, "must be a month in the form YYYY-MM, not before 1970-01");
    }

    public static YearMonth orCurrent(YearMonth month, ZoneId zone) {
        return month != null ? month : YearMonth.now(zone);
    }
}
