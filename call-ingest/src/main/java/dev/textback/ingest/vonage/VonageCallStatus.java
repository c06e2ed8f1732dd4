package dev.textback.ingest.vonage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.textback.calls.events.CallOutcome;

/**
 * Which Vonage Voice statuses end a call, and how. Statuses before the end (started, ringing,
 * answered, ...) are not outcomes: the call's final event decides.
 */
public final class VonageCallStatus {
    private static final Map<String, CallOutcome> FINAL = Map.of(
            "unanswered", CallOutcome.MISSED,
            "timeout", CallOutcome.MISSED,
            "busy", CallOutcome.MISSED,
            "rejected", CallOutcome.MISSED,
            "cancelled", CallOutcome.MISSED,
            "failed", CallOutcome.MISSED,
            "completed", CallOutcome.ANSWERED);

    private VonageCallStatus() {
    }

    /** The outcome of a final status, or empty for an in-progress or unknown one. */
    public static Optional<CallOutcome> outcome(String status, Integer durationSeconds) {
        if (status == null) {
            return Optional.empty();
        }
        CallOutcome outcome = FINAL.get(status.trim().toLowerCase(Locale.ROOT));
        if (outcome == CallOutcome.ANSWERED && durationSeconds != null && durationSeconds == 0) {
            // a completed leg with no talk time was never really answered
            return Optional.of(CallOutcome.MISSED);
        }
        return Optional.ofNullable(outcome);
    }

    public static boolean isKnown(String status) {
        return status != null && (FINAL.containsKey(status.trim().toLowerCase(Locale.ROOT))
                || java.util.Set.of("started", "ringing", "answered", "machine", "human", "input", "transfer",
                        "record", "completed").contains(status.trim().toLowerCase(Locale.ROOT)));
    }
}
