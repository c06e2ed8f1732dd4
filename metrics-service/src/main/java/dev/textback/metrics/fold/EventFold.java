package dev.textback.metrics.fold;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import dev.textback.metrics.business.BusinessFold;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextSuppressed;
import dev.textback.texts.events.TextTopic;

/**
 * Folds one event into the facts, in one transaction together with its processed-event id, so a
 * redelivered event changes nothing and a failed one changes nothing either.
 * <p>
 * Every fold takes its locks in one order, the order the rollup refresher takes them in (see
 * {@link Touched}): fact rows, then the lead's row, then lead marks, then day marks. Two transactions
 * that lock in opposite orders can deadlock, and a fold that keeps losing is dead-lettered.
 */
@ApplicationScoped
public class EventFold {
    private static final Logger LOG = Logger.getLogger(EventFold.class);

    @Inject
    EventJson json;
    @Inject
    ProcessedEvents processed;
    @Inject
    BusinessFold businesses;
    @Inject
    CallFacts calls;
    @Inject
    LeadFacts leads;
    @Inject
    TextFacts texts;
    @Inject
    ConversionFacts conversions;
    @Inject
    Touched touched;

    static boolean isUsed(String type) {
        return switch (type == null ? "" : type) {
            case BusinessTopic.BUSINESS_PROFILE, CallTopic.CALL_ENDED, TextTopic.TEXT_SENT,
                    TextTopic.TEXT_STATUS_CHANGED, TextTopic.TEXT_SUPPRESSED, TextTopic.REPLY_RECEIVED,
                    TextTopic.OPT_OUT_CHANGED, CrmTopic.CONVERSION_RECORDED -> true;
            default -> false;
        };
    }

    @Transactional
    public FoldResult apply(String eventId, String type, String body) {
        if (!isUsed(type)) {
            return FoldResult.IGNORED;
        }
        if (body == null) {
            throw new MalformedEventException("event " + eventId + " of type " + type + " has no body");
        }
        JsonNode node = json.tree(body); // parsed before anything is written: bad input is never half-applied
        if (!processed.firstTime(eventId)) {
            LOG.debugf("event %s already applied", eventId);
            return FoldResult.DUPLICATE;
        }
        switch (type) {
            case BusinessTopic.BUSINESS_PROFILE -> businesses.profile(
                    require(json.read(node, BusinessProfile.class), BusinessProfile::businessId, "businessId"));
            case CallTopic.CALL_ENDED -> callEnded(json.read(node, CallEnded.class));
            case TextTopic.TEXT_SENT -> textSent(json.read(node, TextSent.class));
            case TextTopic.TEXT_STATUS_CHANGED -> statusChanged(json.read(node, TextStatusChanged.class));
            case TextTopic.TEXT_SUPPRESSED -> suppressed(eventId, json.read(node, TextSuppressed.class),
                    node.path("reason").asText(""));
            case TextTopic.REPLY_RECEIVED -> reply(json.read(node, ReplyReceived.class));
            case TextTopic.OPT_OUT_CHANGED -> optOut(json.read(node, OptOutChanged.class));
            case CrmTopic.CONVERSION_RECORDED -> conversion(json.read(node, ConversionRecorded.class));
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        return FoldResult.APPLIED;
    }

    /** A tombstone on the businesses topic (null value, key = businessId). Deleting twice is harmless. */
    @Transactional
    public FoldResult businessDeleted(String eventId, String businessId) {
        if (businessId == null || businessId.isBlank()) {
            throw new MalformedEventException("tombstone without a key");
        }
        if (eventId != null && !processed.firstTime(eventId)) {
            return FoldResult.DUPLICATE;
        }
        businesses.deleted(businessId);
        return FoldResult.APPLIED;
    }

    private void callEnded(CallEnded c) {
        require(c, CallEnded::callId, "callId");
        require(c, CallEnded::businessId, "businessId");
        Instant endedAt = orNow(c.endedAt());
        calls.ended(c, endedAt);
        touched.leadOfCall(c.callId());
        touched.day(c.businessId(), endedAt);
    }

    private void textSent(TextSent t) {
        require(t, TextSent::textId, "textId");
        require(t, TextSent::leadId, "leadId");
        require(t, TextSent::businessId, "businessId");
        // A text counts as sent even if the producer left out when: the fact matters more than the time.
        Instant acceptedAt = orNow(t.acceptedAt());
        texts.sent(t, acceptedAt);
        leads.texted(t.leadId(), t.businessId(), t.recipient(), t.callId(), t.missedAt(), t.step(), t.textId(),
                acceptedAt, t.variant());
        if (t.callId() != null) {
            calls.belongsTo(t.callId(), t.businessId(), t.leadId());
        }
        touched.lead(t.leadId());
    }

    private void statusChanged(TextStatusChanged s) {
        require(s, TextStatusChanged::textId, "textId");
        require(s, TextStatusChanged::businessId, "businessId");
        Instant statusAt = orNow(s.statusAt());
        texts.statusChanged(s, statusAt);
        if (s.leadId() != null) {
            leads.receipt(s.leadId(), s.businessId(), s.recipient(), s.step(), s.status(), statusAt);
            touched.lead(s.leadId());
        } else {
            touched.leadOfText(s.textId());
        }
    }

    private void suppressed(String eventId, TextSuppressed x, String rawReason) {
        require(x, TextSuppressed::businessId, "businessId");
        // The raw string, not the enum: a reason added by sms-dispatch later is still counted by name.
        String reason = rawReason.isBlank() ? "UNKNOWN" : rawReason;
        String callId = x.callId() != null ? x.callId() : "event:" + eventId;
        texts.suppressed(callId, x.businessId(), x.leadId(), reason, x.missedAt());
        if (x.leadId() != null) {
            leads.suppressedCall(x.leadId(), x.businessId(), x.recipient(), callId, x.missedAt());
            if (x.callId() != null) {
                calls.belongsTo(x.callId(), x.businessId(), x.leadId());
            }
            touched.lead(x.leadId());
        }
        touched.day(x.businessId(), x.missedAt());
    }

    private void reply(ReplyReceived r) {
        require(r, ReplyReceived::businessId, "businessId");
        // Only a reply to one of our texts makes a lead "replied"; a message from a caller we never
        // texted (afterStep -1, e.g. START after an opt-out) or with no lead is not a reply to Textback.
        if (r.leadId() != null && r.afterStep() >= 0) {
            leads.replied(r.leadId(), r.businessId(), r.sender(), r.afterStep(), orNow(r.receivedAt()));
            touched.lead(r.leadId());
        }
    }

    private void optOut(OptOutChanged o) {
        if (o.leadId() != null && o.businessId() != null && o.optedOut()) {
            leads.optedOut(o.leadId(), o.businessId(), o.phone(), orNow(o.changedAt()));
            touched.lead(o.leadId());
        }
    }

    private void conversion(ConversionRecorded c) {
        require(c, ConversionRecorded::conversionId, "conversionId");
        require(c, ConversionRecorded::businessId, "businessId");
        // Where it counted until now and where it counts now: reads the row as it was, so before it is replaced.
        touched.conversion(c.conversionId(), c.leadCallId(), c.businessId(), c.occurredAt());
        conversions.recorded(c);
    }

    private static <T> T require(T event, java.util.function.Function<T, String> field, String name) {
        String value = field.apply(event);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(event.getClass().getSimpleName() + " without " + name);
        }
        return event;
    }

    private static Instant orNow(Instant at) {
        return at == null ? Instant.now() : at;
    }
}
