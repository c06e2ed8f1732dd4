package dev.textback.dispatch.lead;

import java.time.Instant;

import dev.textback.texts.events.SuppressionReason;

/**
 * What handling one CallEnded event decided.
 *
 * @param deferredUntil for TEXTED: when quiet hours let the first text go out, null when at once
 */
public record CallDecision(Kind kind, SuppressionReason reason, String leadId, Instant deferredUntil) {
    public enum Kind {
        /** A new lead with a pending first text. */
        TEXTED,
        /** No text; {@link #reason()} says why. */
        SUPPRESSED,
        /** Answered calls: nothing to do. */
        IGNORED,
        /** The event (or the call) was handled before. */
        DUPLICATE
    }

    public static CallDecision texted(String leadId, Instant deferredUntil) {
        return new CallDecision(Kind.TEXTED, null, leadId, deferredUntil);
    }

    public static CallDecision suppressed(SuppressionReason reason, String leadId) {
        return new CallDecision(Kind.SUPPRESSED, reason, leadId, null);
    }

    public static CallDecision ignored() {
        return new CallDecision(Kind.IGNORED, null, null, null);
    }

    public static CallDecision duplicate() {
        return new CallDecision(Kind.DUPLICATE, null, null, null);
    }
}
