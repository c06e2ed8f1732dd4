package dev.textback.crm.delivery;

import java.time.Duration;

/** Exponential backoff: base, 2 x base, 4 x base ... capped at max. Pure, unit-tested. */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** True when no attempt is left: the delivery is parked as FAILED (visible, retryable by hand). */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
