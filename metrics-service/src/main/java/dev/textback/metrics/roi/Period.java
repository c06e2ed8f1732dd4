package dev.textback.metrics.roi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.textback.metrics.web.FieldError;
import dev.textback.metrics.web.ProblemException;

/**
 * A range of local dates, both inclusive, in a business's time zone. Reports select facts whose
 * instant falls in [start of {@code from}, start of the day after {@code to}) in that zone, so a day
 * is the business's day, DST changes included.
 */
public record Period(LocalDate from, LocalDate to) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

    /**
     * The {@code from} / {@code to} query parameters, checked for syntax (a malformed date is a 400
     * naming the parameter) but not yet resolved: the defaults depend on "today" in the business's zone.
     */
    public record Request(LocalDate from, LocalDate to) {
        /**
         * Missing dates default to the last 30 days through {@code today}; from after to, or more than
         * 366 days, is a 400 naming the parameter.
         */
        public Period resolve(LocalDate today) {
            LocalDate end = to;
            if (end == null) {
                end = from == null || !from.isAfter(today) ? today : from;
            }
            LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1) : from;
            if (start.isAfter(end)) {
                throw ProblemException.invalid("from", "must not be after to (" + end + ")");
            }
            if (RoiCalculator.days(start, end) > MAX_DAYS) {
                throw ProblemException.invalid("to", "the period may span at most " + MAX_DAYS + " days");
            }
            return new Period(start, end);
        }
    }

    public static Request parse(String fromParam, String toParam) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate from = parse("from", fromParam, errors);
        LocalDate to = parse("to", toParam, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Request(from, to);
    }

    /** Parses "YYYY-MM-DD" strictly (2025-02-30 is refused); null or blank means not given. */
    static LocalDate parse(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!DATE.matcher(v).matches()) {
            errors.add(new FieldError(name, "must be a date in the form YYYY-MM-DD"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(v);
            if (date.isBefore(EARLIEST)) {
                errors.add(new FieldError(name, "must not be before " + EARLIEST));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "is not a valid calendar date"));
            return null;
        }
    }

    public long days() {
        return RoiCalculator.days(from, to);
    }

    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant endExclusive(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
