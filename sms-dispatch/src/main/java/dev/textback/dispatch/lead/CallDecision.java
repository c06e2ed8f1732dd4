package dev.textback.dispatch.lead;

import dev.textback.texts.events.SuppressionReason;

/** What handling one CallEnded event decided. */
public record CallDecision(Kind kind, SuppressionReason reason, String leadId) {
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

    public static CallDecision texted(String leadId) {
        return new CallDecision(Kind.TEXTED, null, leadId);
    }

    public static CallDecision suppressed(SuppressionReason reason, String leadId) {
        return new CallDecision(Kind.SUPPRESSED, reason, leadId);
    }

    public static CallDecision ignored() {
        return new CallDecision(Kind.IGNORED, null, null);
    }

    public static CallDecision duplicate() {
        return new CallDecision(Kind.DUPLICATE, null, null);
    }
}
