package dev.textback.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.business.BusinessRepository;
import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.texts.events.SuppressionReason;
import dev.textback.texts.events.TextStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The database side of sending, one short transaction per step, so no transaction stays open
 * while the provider is called: claim (PENDING -> SENDING with a lease), renew the lease, record
 * the outcome (with its outbox event), and expire leases of senders that died mid-send.
 */
@ApplicationScoped
public class SendingStore {
    private static final Logger LOG = Logger.getLogger(SendingStore.class);

    @Inject
    OutboundTextRepository texts;
    @Inject
    LeadRepository leads;
    @Inject
    TextEvents events;
    @Inject
    OptOutRepository optOuts;
    @Inject
    BusinessRepository businesses;
    @Inject
    TextCancellation cancellation;
    @ConfigProperty(name = "textback.sending.lease", defaultValue = "60s")
    Duration lease;
    @ConfigProperty(name = "textback.vonage.currency", defaultValue = "USD")
    String currency;

    @Transactional
    public List<ClaimedText> claimDue(int limit) {
        Instant now = Instant.now();
        List<ClaimedText> claimed = new ArrayList<>();
        for (UUID id : texts.lockDue(now, limit)) {
            OutboundText t = texts.findById(id);
            SuppressionReason stop = reasonNotToSend(t);
            if (stop != null) {
                // an opt-out (or a disabled business) committed after this text was queued
                cancellation.cancel(t, stop, now);
                continue;
            }
            t.state = TextState.SENDING;
            t.leaseUntil = now.plus(lease);
            t.attempts++;
            t.updatedAt = now;
            claimed.add(new ClaimedText(t.id, t.attempts,
                    new SmsRequest(t.id.toString(), t.sender, t.recipient, t.body, t.unicode)));
        }
        return claimed;
    }

    private SuppressionReason reasonNotToSend(OutboundText t) {
        if (optOuts.isOptedOut(t.businessId, t.recipient)) {
            return SuppressionReason.OPTED_OUT;
        }
        Business b = businesses.findById(t.businessId);
        return b == null || b.deleted || !b.enabled ? SuppressionReason.BUSINESS_DISABLED : null;
    }

    /** Called right before submitting: false when the lease was lost (the text is no longer ours to send). */
    @Transactional
    public boolean renewLease(UUID id) {
        Instant now = Instant.now();
        return texts.renewLease(id, now, now.plus(lease));
    }

    @Transactional
    public void record(UUID id, SendDecision decision) {
        OutboundText t = texts.lock(id);
        if (t == null || (t.state != TextState.SENDING && t.state != TextState.UNKNOWN)) {
            LOG.warnf("text %s: outcome %s arrived in state %s, ignored", id, decision, t == null ? null : t.state);
            return;
        }
        Instant now = Instant.now();
        t.leaseUntil = null;
        t.updatedAt = now;
        if (decision instanceof SendDecision.Sent s) {
            t.state = TextState.SENT;
            t.providerMessageId = s.providerMessageId();
            t.price = s.price();
            t.currency = s.price() == null ? null : currency;
            t.errorCode = s.errorCode();
            t.acceptedAt = now;
            Lead lead = leads.findById(t.leadId);
            events.sent(t, lead);
        } else if (decision instanceof SendDecision.Retry r) {
            t.state = TextState.PENDING;
            t.nextAttemptAt = r.nextAttemptAt();
            t.errorCode = r.errorCode();
        } else if (decision instanceof SendDecision.Failed f) {
            t.state = TextState.FAILED;
            t.errorCode = f.errorCode();
            events.statusFromSubmission(t, TextStatus.FAILED, now);
        } else if (decision instanceof SendDecision.Unknown u) {
            boolean wasUnknown = t.state == TextState.UNKNOWN;
            t.state = TextState.UNKNOWN;
            t.errorCode = u.errorCode();
            if (!wasUnknown) {
                events.statusFromSubmission(t, TextStatus.UNKNOWN, now);
            }
        }
    }

    /** SENDING rows whose lease ran out become UNKNOWN: the provider may have the text, so never resend. */
    @Transactional
    public int expireLeases(int limit) {
        Instant now = Instant.now();
        List<UUID> ids = texts.lockExpiredLeases(now, limit);
        for (UUID id : ids) {
            OutboundText t = texts.findById(id);
            t.state = TextState.UNKNOWN;
            t.errorCode = "lease-expired";
            t.leaseUntil = null;
            t.updatedAt = now;
            events.statusFromSubmission(t, TextStatus.UNKNOWN, now);
            LOG.warnf("text %s: send lease expired, outcome unknown", id);
        }
        return ids.size();
    }
}
