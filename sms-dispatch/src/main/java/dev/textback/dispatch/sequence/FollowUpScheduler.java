package dev.textback.dispatch.sequence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.crm.events.FollowUpStep;
import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.business.BusinessRepository;
import dev.textback.dispatch.business.Templates;
import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.TextCancellation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Follow-up sequences. When a lead text is accepted, the next step of the business's sequence is
 * written as a PENDING row, due {@code delayMinutes} after this one (later if quiet hours say so).
 * The rows live in PostgreSQL like every other text: the sender claims them with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances share them and a restart loses none; the
 * unique (lead, step) key makes scheduling the same step twice impossible. A step goes out only
 * while the lead has not replied, converted or opted out (checked again when it is claimed).
 */
@ApplicationScoped
public class FollowUpScheduler {
    public static final String REPLIED = "REPLIED";
    public static final String CONVERTED = "CONVERTED";

    @Inject
    DispatchClock clock;
    @Inject
    BusinessRepository businesses;
    @Inject
    Templates templates;
    @Inject
    LeadRepository leads;
    @Inject
    OptOutRepository optOuts;
    @Inject
    OutboundTextRepository texts;
    @Inject
    TextPlanner planner;
    @Inject
    TextCancellation cancellation;
    /** One "minute" of a step's delay; tests shrink it so sequences run in seconds. */
    @ConfigProperty(name = "textback.follow-ups.delay-unit", defaultValue = "1m")
    Duration delayUnit;

    /** After {@code sent} (a lead text) was accepted at {@code acceptedAt}: queue the next step, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleNext(OutboundText sent, Instant acceptedAt) {
        Business business = businesses.findById(sent.businessId);
        if (business == null || business.deleted || !business.enabled) {
            return;
        }
        Optional<FollowUpStep> next = templates.followUp(business, sent.step + 1);
        Lead lead = leads.findById(sent.leadId);
        if (next.isEmpty() || lead == null || reasonToStop(lead) != null
                || optOuts.isOptedOut(lead.businessId, lead.phone)) {
            return;
        }
        FollowUpStep step = next.get();
        Instant due = acceptedAt.plus(delayUnit.multipliedBy(Math.max(0, step.delayMinutes())));
        OutboundText row = planner.plan(business, sent.sender, lead, step.step(), step.body(), sent.variant, due,
                clock.now());
        if (texts.findById(row.id) == null) {
            texts.persist(row);
        }
    }

    /** Why a follow-up of this text's lead must not go out any more, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String reasonToStop(OutboundText followUp) {
        Lead lead = leads.findById(followUp.leadId);
        return lead == null ? CONVERTED : reasonToStop(lead);
    }

    private static String reasonToStop(Lead lead) {
        if (lead.repliedAt != null) {
            return REPLIED;
        }
        return lead.convertedAt != null ? CONVERTED : null;
    }

    /** Cancels the lead's follow-ups that have not gone out (a reply or a conversion ends the sequence). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int stop(Lead lead, String reason, Instant now) {
        List<OutboundText> pending = texts.lockPendingFollowUps(lead.id);
        pending.forEach(t -> cancellation.cancelFollowUp(t, reason, now));
        return pending.size();
    }
}
