package dev.textback.ingest.webhook;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one timestamp shape providers actually send, {@code 2026-11-20T15:04:05.000Z}, without
 * the general ISO parser, which took a few microseconds per field on every webhook. Anything else
 * (offsets, leap seconds, odd fractions) returns null and goes to {@link Instant#parse}, so the
 * result is always exactly what {@code Instant.parse} gives (UtcTimestampsTest compares them).
 */
final class UtcTimestamps {
    private UtcTimestamps() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null when the text has another shape. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
