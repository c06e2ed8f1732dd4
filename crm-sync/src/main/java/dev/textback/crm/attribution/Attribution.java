package dev.textback.crm.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * Which missed call a conversion is credited to. The rule: the most recent missed call from the
 * same caller at the same business that ended no later than the conversion and no earlier than
 * {@code attributionWindowDays} before it (both edges included). None: the conversion is still
 * recorded, but not counted as recovered revenue.
 */
public final class Attribution {
    private Attribution() {
    }

    public record MissedCall(String callId, Instant endedAt) {
    }

    /** @param leadCallId the credited call, null when none qualifies */
    public record Result(String leadCallId, boolean recovered) {
        public static final Result NONE = new Result(null, false);
    }

    public static Instant windowStart(Instant occurredAt, int attributionWindowDays) {
        return occurredAt.minus(Duration.ofDays(attributionWindowDays));
    }

    public static Result attribute(Collection<MissedCall> candidates, Instant occurredAt, int attributionWindowDays) {
        Instant from = windowStart(occurredAt, attributionWindowDays);
        return candidates.stream()
                .filter(c -> !c.endedAt().isAfter(occurredAt) && !c.endedAt().isBefore(from))
                // Ties (same end instant) go to the larger call id, so the answer never depends on row order.
                .max(Comparator.comparing(MissedCall::endedAt).thenComparing(MissedCall::callId))
                .map(c -> new Result(c.callId(), true))
                .orElse(Result.NONE);
    }
}
