package dev.textback.dispatch.inbound;

import java.time.Instant;

import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.business.BusinessRepository;
import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.optout.KeywordClassifier.Classification;
import dev.textback.dispatch.optout.KeywordClassifier;
import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.dispatch.optout.ServiceTexts;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.TextCancellation;
import dev.textback.dispatch.sequence.FollowUpScheduler;
import dev.textback.texts.events.SuppressionReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Reads an inbound SMS: an opt-out stops everything pending for that caller at once, an opt-in
 * resumes, anything else is a reply to the caller's latest lead. One transaction per message,
 * keyed by the provider's message id.
 */
@ApplicationScoped
public class InboundHandler {
    public enum Outcome {
        REPLY,
        OPT_OUT,
        OPT_IN,
        HELP,
        /** An opt-out/opt-in keyword that changed nothing (already in that state). */
        NO_CHANGE,
        DUPLICATE,
        UNKNOWN_BUSINESS,
        /** One part of a concatenated SMS; handled once all parts arrived. */
        PART_STORED
    }

    @Inject
    DispatchClock clock;
    @Inject
    BusinessRepository businesses;
    @Inject
    InboundMessageRepository messages;
    @Inject
    LeadRepository leads;
    @Inject
    OptOutRepository optOuts;
    @Inject
    OutboundTextRepository texts;
    @Inject
    TextEvents events;
    @Inject
    TextCancellation cancellation;
    @Inject
    ServiceTexts serviceTexts;
    @Inject
    FollowUpScheduler followUps;

    @Transactional
    public Outcome handle(InboundSms sms) {
        Business business = businesses.findByNumber(sms.to()).orElse(null);
        if (business == null) {
            return Outcome.UNKNOWN_BUSINESS;
        }
        Instant now = clock.now();
        Instant receivedAt = sms.messageTimestamp() == null ? now : sms.messageTimestamp();
        if (!messages.claim(sms.messageId(), business.id, sms.from(), sms.to(), sms.text(), receivedAt)) {
            return Outcome.DUPLICATE;
        }
        InboundMessage stored = messages.findById(sms.messageId());
        Lead lead = leads.latest(business.id, sms.from()).orElse(null);
        stored.leadId = lead == null ? null : lead.id;
        Classification c = KeywordClassifier.classify(sms.text());
        stored.keyword = c.keyword();

        switch (c.kind()) {
            case OPT_OUT -> {
                stored.kind = "OPT_OUT";
                for (OutboundText t : texts.lockPending(business.id, sms.from())) {
                    cancellation.cancel(t, SuppressionReason.OPTED_OUT, now); // stops follow-ups too
                }
                if (!optOuts.set(business.id, sms.from(), true, c.keyword(), now)) {
                    return Outcome.NO_CHANGE; // one confirmation: a second STOP changes nothing and gets none
                }
                events.optOutChanged(sms.messageId(), business.id, sms.from(), true, c.keyword(), stored.leadId, now);
                serviceTexts.queue(business, sms.to(), sms.from(), sms.messageId(), ServiceTexts.OPT_OUT_CONFIRMATION,
                        now);
                return Outcome.OPT_OUT;
            }
            case OPT_IN -> {
                if (optOuts.isOptedOut(business.id, sms.from())) {
                    stored.kind = "OPT_IN";
                    optOuts.set(business.id, sms.from(), false, c.keyword(), now);
                    events.optOutChanged(sms.messageId(), business.id, sms.from(), false, c.keyword(), stored.leadId,
                            now);
                    serviceTexts.queue(business, sms.to(), sms.from(), sms.messageId(),
                            ServiceTexts.OPT_IN_CONFIRMATION, now);
                    return Outcome.OPT_IN;
                }
                if (!"YES".equals(c.keyword())) {
                    stored.kind = "IGNORED"; // START/UNSTOP from someone who never opted out
                    return Outcome.NO_CHANGE;
                }
                // a bare "yes" from someone who is not opted out answers our text
            }
            case HELP -> {
                stored.kind = "HELP";
                serviceTexts.queue(business, sms.to(), sms.from(), sms.messageId(), ServiceTexts.HELP_ANSWER, now);
                return Outcome.HELP;
            }
            default -> {
            }
        }
        stored.kind = "REPLY";
        int afterStep = lead == null ? -1 : texts.highestSentStep(lead.id);
        if (lead != null && lead.repliedAt == null) {
            lead.repliedAt = receivedAt;
        }
        if (lead != null) {
            followUps.stop(lead, FollowUpScheduler.REPLIED, now); // a reply ends the sequence
        }
        events.replyReceived(sms.messageId(), stored.leadId, business.id, sms.from(), sms.text(), afterStep,
                receivedAt);
        return Outcome.REPLY;
    }
}
