package dev.textback.ingest.classify;

import dev.textback.calls.events.CallOutcome;

/**
 * What one provider status says about a call: it ended (with an outcome), it is still going on, or
 * the status is one we do not know. Only the first produces a {@code CallEnded}; an unknown status
 * is counted and ignored, never an error, because providers add statuses without notice.
 *
 * @param reason the provider's own words for the end (status, and detail when there is one), kept in
 *               the event so a misclassification can be traced back to the webhook
 */
public record Classification(Kind kind, CallOutcome outcome, String reason) {

    public enum Kind {
        FINAL,
        NOT_FINAL,
        UNKNOWN
    }

    public static Classification ended(CallOutcome outcome, String reason) {
        return new Classification(Kind.FINAL, outcome, reason);
    }

    public static Classification notFinal(String status) {
        return new Classification(Kind.NOT_FINAL, null, status);
    }

    public static Classification unknown(String status) {
        return new Classification(Kind.UNKNOWN, null, status);
    }

    public boolean isFinal() {
        return kind == Kind.FINAL;
    }
}
