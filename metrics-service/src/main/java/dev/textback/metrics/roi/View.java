package dev.textback.metrics.roi;

import java.util.Locale;

import dev.textback.metrics.web.ProblemException;

/**
 * Which leads a period reports on. COHORT (the default): the leads whose missed call is in the period,
 * followed wherever their replies and conversions fall. ACTIVITY: what happened in the period, whichever
 * lead it belongs to (texts sent, deliveries, first replies, conversions by their own dates).
 */
public enum View {
    COHORT, ACTIVITY;

    public static View parse(String value) {
        if (value == null || value.isBlank()) {
            return COHORT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("view", "must be cohort or activity");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
