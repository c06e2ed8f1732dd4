package dev.textback.crm.intake;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.attribution.MissedCallRepository;
import dev.textback.crm.contact.ContactService;
import dev.textback.crm.phone.PhoneNumbers;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextSuppressed;
import dev.textback.texts.events.TextTopic;

/**
 * Applies one incoming calls or texts event to contacts, tags, timeline and missed calls, in one
 * transaction together with its processed-event id, so a redelivered event changes nothing.
 * <p>
 * Events for a business this service does not know (yet) are recorded anyway: the calls topic and
 * the businesses topic are not ordered against each other, and dropping a caller because their
 * business profile arrived a second later would lose a lead's history. Contacts are keyed by
 * (businessId, phone) and simply become visible once the business exists.
 */
@ApplicationScoped
public class EventIntake {
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    @Inject
    ObjectMapper json;
    @Inject
    ProcessedEvents processed;
    @Inject
    ContactService contacts;
    @Inject
    MissedCallRepository missedCalls;

    /** True when the event was applied; false when its type is unknown or it was applied before. */
    @Transactional
    public boolean apply(String eventId, String type, String body) throws JsonProcessingException {
        if (!isKnown(type)) {
            return false; // consumers ignore what they do not know
        }
        if (body == null) {
            throw new IllegalArgumentException("event " + eventId + " of type " + type + " has no body");
        }
        if (!processed.firstTime(eventId)) {
            LOG.debugf("event %s already applied", eventId);
            return false;
        }
        switch (type) {
            case CallTopic.CALL_ENDED -> callEnded(json.readValue(body, CallEnded.class));
            case TextTopic.TEXT_SENT -> textSent(json.readValue(body, TextSent.class));
            case TextTopic.TEXT_STATUS_CHANGED -> statusChanged(json.readValue(body, TextStatusChanged.class));
            case TextTopic.TEXT_SUPPRESSED -> suppressed(json.readValue(body, TextSuppressed.class));
            case TextTopic.REPLY_RECEIVED -> reply(json.readValue(body, ReplyReceived.class));
            case TextTopic.OPT_OUT_CHANGED -> optOut(json.readValue(body, OptOutChanged.class));
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        return true;
    }

    static boolean isKnown(String type) {
        return switch (type == null ? "" : type) {
            case CallTopic.CALL_ENDED, TextTopic.TEXT_SENT, TextTopic.TEXT_STATUS_CHANGED, TextTopic.TEXT_SUPPRESSED,
                    TextTopic.REPLY_RECEIVED, TextTopic.OPT_OUT_CHANGED -> true;
            default -> false;
        };
    }

    private void callEnded(CallEnded call) {
        if (call.caller() == null || !call.callerReachable() || call.businessId() == null) {
            return; // a withheld caller cannot be a contact
        }
        Instant at = orNow(call.endedAt());
        String contactId = contacts.touch(call.businessId(), call.caller(), at);
        String outcome = call.outcome() == null ? "unknown" : call.outcome().name().toLowerCase(Locale.ROOT);
        contacts.record(call.businessId(), call.caller(), contactId, at, "call." + outcome, call.callId(),
                call.reason());
        if (call.outcome() != null && call.outcome().isMissed()) {
            missedCalls.record(call.callId(), call.businessId(), call.caller(), at);
            contacts.tag(contactId, call.businessId(), call.caller(), ContactService.MISSED_CALL_RECOVERY, at);
            LOG.debugf("missed call %s from %s at %s", call.callId(), PhoneNumbers.mask(call.caller()),
                    call.businessId());
        }
    }

    private void textSent(TextSent t) {
        if (t.recipient() == null || t.businessId() == null) {
            return;
        }
        Instant at = orNow(t.acceptedAt());
        String contactId = contacts.touch(t.businessId(), t.recipient(), at);
        contacts.record(t.businessId(), t.recipient(), contactId, at, "text.sent", t.textId(),
                "step " + t.step() + ", variant " + t.variant());
    }

    private void statusChanged(TextStatusChanged t) {
        if (t.recipient() == null || t.businessId() == null) {
            return;
        }
        Instant at = orNow(t.statusAt());
        String contactId = contacts.touch(t.businessId(), t.recipient(), at);
        String status = t.status() == null ? "unknown" : t.status().name().toLowerCase(Locale.ROOT);
        contacts.record(t.businessId(), t.recipient(), contactId, at, "text." + status, t.textId(),
                t.errorCode() == null ? "step " + t.step() : "step " + t.step() + ", error " + t.errorCode());
    }

    private void suppressed(TextSuppressed t) {
        if (t.recipient() == null || t.businessId() == null) {
            return;
        }
        Instant at = orNow(t.suppressedAt());
        String contactId = contacts.touch(t.businessId(), t.recipient(), at);
        contacts.record(t.businessId(), t.recipient(), contactId, at, "text.suppressed", t.callId(),
                t.reason() == null ? null : t.reason().name());
    }

    private void reply(ReplyReceived r) {
        if (r.sender() == null || r.businessId() == null) {
            return;
        }
        Instant at = orNow(r.receivedAt());
        String contactId = contacts.touch(r.businessId(), r.sender(), at);
        contacts.record(r.businessId(), r.sender(), contactId, at, "reply", r.replyId(), r.text());
    }

    private void optOut(OptOutChanged o) {
        if (o.phone() == null || o.businessId() == null) {
            return;
        }
        Instant at = orNow(o.changedAt());
        String contactId = contacts.touch(o.businessId(), o.phone(), at);
        contacts.setOptedOut(contactId, o.optedOut());
        contacts.record(o.businessId(), o.phone(), contactId, at, o.optedOut() ? "opted-out" : "opted-in",
                o.leadId(), o.keyword());
    }

    private static Instant orNow(Instant at) {
        return at == null ? Instant.now() : at;
    }
}
