package dev.textback.dispatch.sending;

import java.math.BigDecimal;
import java.time.Instant;

/** What to do with a text after a submission attempt. */
public sealed interface SendDecision {

    /** Accepted: SENT, with the provider's id and price. {@code errorCode} notes failed parts, if any. */
    record Sent(String providerMessageId, BigDecimal price, String errorCode) implements SendDecision {
    }

    /** Not accepted but worth another try: back to PENDING until {@code nextAttemptAt}. */
    record Retry(Instant nextAttemptAt, String errorCode) implements SendDecision {
    }

    /** Refused for good: FAILED. */
    record Failed(String errorCode) implements SendDecision {
    }

    /** Outcome unknown: UNKNOWN, never resent blindly; a delivery receipt may reconcile it. */
    record Unknown(String errorCode) implements SendDecision {
    }
}
