package dev.textback.dispatch.sending;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.business.BusinessRepository;
import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.hours.QuietHours;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.dispatch.sequence.FollowUpScheduler;
import io.micrometer.core.instrument.MeterRegistry;
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
    DispatchClock clock;
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
    @Inject
    FollowUpScheduler followUps;
    @Inject
    QuietHours quietHours;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "textback.sending.lease", defaultValue = "60s")
    Duration lease;
    @ConfigProperty(name = "textback.vonage.currency", defaultValue = "USD")
    String currency;

    @Transactional
    public List<ClaimedText> claimDue(int limit) {
        Instant now = clock.now();
        List<ClaimedText> claimed = new ArrayList<>();
        List<OutboundText> due = texts.lockDue(now, limit);
        List<OutboundText> leadTexts = due.stream().filter(t -> OutboundText.KIND_LEAD.equals(t.kind)).toList();
        // one opt-out query for the batch, not one per text
        Set<String> optedOut = optOuts.optedOutAmong(leadTexts.stream().map(t -> t.businessId).distinct().toList(),
                leadTexts.stream().map(t -> t.recipient).distinct().toList());
        for (OutboundText t : due) {
            if (OutboundText.KIND_LEAD.equals(t.kind)) {
                SuppressionReason stop = reasonNotToSend(t, optedOut);
                if (stop != null) {
                    // an opt-out (or a disabled business) committed after this text was queued
                    cancellation.cancel(t, stop, now);
                    continue;
                }
                String sequenceOver = t.step > 0 ? followUps.reasonToStop(t) : null;
                if (sequenceOver != null) {
                    cancellation.cancelFollowUp(t, sequenceOver, now);
                    continue;
                }
                // a retry or a restart can bring a text due inside quiet hours: defer it again, never drop it
                Instant allowed = quietHours.nextAllowed(businesses.findById(t.businessId), t.recipient, now);
                if (allowed.isAfter(now)) {
                    t.nextAttemptAt = allowed;
                    t.deferredUntil = allowed;
                    t.updatedAt = now;
                    meters.counter("textback.texts.deferred", "reason", "QUIET_HOURS").increment();
                    continue;
                }
            }
            t.state = TextState.SENDING;
            t.submitStartedAt = null;
            t.leaseUntil = now.plus(lease);
            t.attempts++;
            t.updatedAt = now;
            claimed.add(new ClaimedText(t.id, t.attempts,
                    new SmsRequest(t.id.toString(), t.sender, t.recipient, t.body, t.unicode)));
        }
        return claimed;
    }

    private SuppressionReason reasonNotToSend(OutboundText t, Set<String> optedOut) {
        if (optedOut.contains(t.businessId + ":" + t.recipient)) {
            return SuppressionReason.OPTED_OUT;
        }
        Business b = businesses.findById(t.businessId);
        return b == null || b.deleted || !b.enabled ? SuppressionReason.BUSINESS_DISABLED : null;
    }

    /** Gives a claimed text back (rate limit): PENDING again, and the claim does not count as an attempt. */
    @Transactional
    public void postpone(UUID id, Instant until) {
        OutboundText t = texts.lock(id);
        if (t != null && t.state == TextState.SENDING) {
            t.state = TextState.PENDING;
            t.attempts = Math.max(0, t.attempts - 1);
            t.leaseUntil = null;
            t.nextAttemptAt = until;
            t.updatedAt = clock.now();
        }
    }

    /**
     * Committed right before the request leaves: from here on a crash makes the outcome unknown.
     * False when the lease was lost (the text is no longer ours to send).
     */
    @Transactional
    public boolean markSubmitting(UUID id) {
        Instant now = clock.now();
        return texts.markSubmitting(id, now, now.plus(lease));
    }

    @Transactional
    public void record(UUID id, SendDecision decision) {
        apply(id, texts.lock(id), decision, clock.now());
    }

    /**
     * Records several outcomes in one transaction: the texts are locked in one statement (in id
     * order, like every other multi-row lock here), their leads loaded in one more.
     */
    @Transactional
    public void recordAll(Map<UUID, SendDecision> outcomes) {
        Map<UUID, OutboundText> rows = new HashMap<>();
        for (OutboundText t : texts.lockAll(outcomes.keySet())) {
            rows.put(t.id, t);
        }
        List<String> sentLeads = rows.values().stream()
                .filter(t -> OutboundText.KIND_LEAD.equals(t.kind) && outcomes.get(t.id) instanceof SendDecision.Sent)
                .map(t -> t.leadId).distinct().toList();
        if (!sentLeads.isEmpty()) {
            leads.list("id in ?1", sentLeads); // now in the session: TextSent and the follow-up find them there
        }
        Instant now = clock.now();
        outcomes.forEach((id, decision) -> apply(id, rows.get(id), decision, now));
    }

    private void apply(UUID id, OutboundText t, SendDecision decision, Instant now) {
        if (t == null || (t.state != TextState.SENDING && t.state != TextState.UNKNOWN)) {
            LOG.warnf("text %s: outcome %s arrived in state %s, ignored", id, decision, t == null ? null : t.state);
            return;
        }
        boolean lead = OutboundText.KIND_LEAD.equals(t.kind);
        t.leaseUntil = null;
        t.updatedAt = now;
        if (decision instanceof SendDecision.Sent s) {
            t.state = TextState.SENT;
            t.providerMessageId = s.providerMessageId();
            t.price = s.price();
            t.currency = s.price() == null ? null : currency;
            t.errorCode = s.errorCode();
            t.acceptedAt = now;
            if (lead) {
                events.sent(t, leads.findById(t.leadId));
                followUps.scheduleNext(t, now);
            }
        } else if (decision instanceof SendDecision.Retry r) {
            t.state = TextState.PENDING;
            t.nextAttemptAt = r.nextAttemptAt();
            t.errorCode = r.errorCode();
        } else if (decision instanceof SendDecision.Failed f) {
            t.state = TextState.FAILED;
            t.errorCode = f.errorCode();
            if (lead) {
                events.statusFromSubmission(t, TextStatus.FAILED, now);
            }
        } else if (decision instanceof SendDecision.Unknown u) {
            boolean wasUnknown = t.state == TextState.UNKNOWN;
            t.state = TextState.UNKNOWN;
            t.errorCode = u.errorCode();
            if (!wasUnknown && lead) {
                events.statusFromSubmission(t, TextStatus.UNKNOWN, now);
            }
        }
    }

    /**
     * The provider took this text (a delivery receipt or its own records say so) although we never
     * learned it from the submission's answer: SENT now, with TextSent and the next follow-up. The
     * caller holds the row's lock.
     */
    public void markTaken(OutboundText t, String messageId, BigDecimal price, Instant now) {
        t.state = TextState.SENT;
        t.leaseUntil = null;
        if (t.providerMessageId == null) {
            t.providerMessageId = messageId;
        }
        if (t.price == null && price != null) {
            t.price = price;
            t.currency = currency;
        }
        t.acceptedAt = now;
        t.updatedAt = now;
        if (OutboundText.KIND_LEAD.equals(t.kind)) {
            events.sent(t, leads.findById(t.leadId));
            followUps.scheduleNext(t, now);
        }
    }

    /**
     * An UNKNOWN text the provider's records hold: SENT. False when the text changed since it was
     * checked (reconciled by a receipt, or resent and submitted again).
     */
    @Transactional
    public boolean confirmTaken(UnknownText checked, String messageId, BigDecimal price) {
        OutboundText t = unchangedSinceCheck(checked);
        if (t == null) {
            return false;
        }
        markTaken(t, messageId, price, clock.now());
        LOG.infof("text %s: outcome was unknown; the provider's records hold it as %s", t.id, messageId);
        return true;
    }

    /**
     * An UNKNOWN text the provider's records do not hold, long after its submission started: the
     * request never reached the provider (the sender died before it left, or it was lost on the
     * way), so it is due again. Like a text claimed but never submitted, the lost try is not an
     * attempt. False when the text changed since it was checked.
     */
    @Transactional
    public boolean resendNeverReceived(UnknownText checked) {
        OutboundText t = unchangedSinceCheck(checked);
        if (t == null) {
            return false;
        }
        Instant now = clock.now();
        t.state = TextState.PENDING;
        t.attempts = Math.max(0, t.attempts - 1);
        t.nextAttemptAt = now;
        t.errorCode = "not-at-provider";
        t.updatedAt = now;
        LOG.warnf("text %s: outcome was unknown and the provider never received it; sending it again", t.id);
        return true;
    }

    private OutboundText unchangedSinceCheck(UnknownText checked) {
        OutboundText t = texts.lock(checked.id());
        return t != null && t.state == TextState.UNKNOWN && checked.submitStartedAt().equals(t.submitStartedAt) ? t
                : null;
    }

    /**
     * SENDING rows whose lease ran out: when the submission had started they become UNKNOWN (the
     * provider may have the text, so no resend until its records say otherwise); when it had not,
     * the text never left and goes back to PENDING.
     */
    @Transactional
    public int expireLeases(int limit) {
        Instant now = clock.now();
        List<UUID> ids = texts.lockExpiredLeases(now, limit);
        for (UUID id : ids) {
            OutboundText t = texts.findById(id);
            if (t.submitStartedAt == null) {
                t.state = TextState.PENDING;
                t.attempts = Math.max(0, t.attempts - 1);
                t.leaseUntil = null;
                t.nextAttemptAt = now;
                t.updatedAt = now;
                LOG.infof("text %s: claimed but never submitted before its sender stopped; pending again", id);
                continue;
            }
            t.state = TextState.UNKNOWN;
            t.errorCode = "lease-expired";
            t.leaseUntil = null;
            t.updatedAt = now;
            if (OutboundText.KIND_LEAD.equals(t.kind)) {
                events.statusFromSubmission(t, TextStatus.UNKNOWN, now);
            }
            LOG.warnf("text %s: send lease expired, outcome unknown", id);
        }
        return ids.size();
    }
}
