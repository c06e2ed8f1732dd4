package dev.textback.dispatch.sending;

import java.time.Instant;

import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.lead.MissedCall;
import dev.textback.dispatch.lead.MissedCallRepository;
import dev.textback.texts.events.SuppressionReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Cancels a text that has not gone out. When it was a lead's first text, the missed call ends up
 * not texted after all, so it is reported as suppressed: every missed call is either texted or
 * suppressed with a reason, never silently dropped.
 */
@ApplicationScoped
public class TextCancellation {
    @Inject
    LeadRepository leads;
    @Inject
    MissedCallRepository missedCalls;
    @Inject
    TextEvents events;

    /** A follow-up that must not go out any more (the lead replied, converted, ...): nothing to publish. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelFollowUp(OutboundText t, String reason, Instant now) {
        t.state = TextState.CANCELLED;
        t.errorCode = reason;
        t.leaseUntil = null;
        t.updatedAt = now;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(OutboundText t, SuppressionReason reason, Instant now) {
        t.state = TextState.CANCELLED;
        t.errorCode = reason.name();
        t.leaseUntil = null;
        t.updatedAt = now;
        if (t.step == 0 && OutboundText.KIND_LEAD.equals(t.kind)) {
            Lead lead = leads.findById(t.leadId);
            MissedCall call = missedCalls.findById(lead.callId);
            if (call != null) {
                call.decision = reason.name();
            }
            events.suppressed(lead.callId, lead.id, t.businessId, t.recipient, reason, lead.missedAt, now);
        }
    }
}
