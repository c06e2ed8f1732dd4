package dev.textback.dispatch.events;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.outbox.EventIds;
import dev.textback.dispatch.outbox.Outbox;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.SuppressionReason;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatus;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextSuppressed;
import dev.textback.texts.events.TextTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Builds the texts-topic events and puts them in the outbox, with deterministic ids from their
 * natural keys, so the same fact always carries the same id downstream.
 */
@ApplicationScoped
public class TextEvents {
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "textback.vonage.currency", defaultValue = "USD")
    String currency;

    public void suppressed(String callId, String leadId, String businessId, String caller, SuppressionReason reason,
            Instant missedAt, Instant now) {
        TextSuppressed e = new TextSuppressed(callId, leadId, businessId, caller, reason, missedAt, now);
        outbox.add(TextTopic.key(businessId, caller), EventIds.of("suppressed:" + callId), TextTopic.TEXT_SUPPRESSED,
                callId, e);
    }

    /** The provider accepted the text; {@code lead} gives the opening call for speed-to-text. */
    public void sent(OutboundText t, Lead lead) {
        TextSent e = new TextSent(t.id.toString(), t.leadId, t.businessId, lead.callId, t.recipient, t.sender, t.step,
                t.variant, lead.missedAt, t.acceptedAt, t.providerMessageId, t.segments, t.price,
                t.price == null ? null : currencyOf(t));
        outbox.add(TextTopic.key(t.businessId, t.recipient), EventIds.of("sent:" + t.id), TextTopic.TEXT_SENT,
                t.id.toString(), e);
    }

    /** A status we learned ourselves (failed or unknown on submission); the id is per text and status. */
    public void statusFromSubmission(OutboundText t, TextStatus status, Instant at) {
        statusChanged(t, status, t.errorCode, t.price, at, EventIds.of("submission:" + t.id + ":" + status));
    }

    /** A status a delivery receipt reported; the caller chooses the id (message id + status). */
    public void statusChanged(OutboundText t, TextStatus status, String errorCode, BigDecimal price, Instant at,
            String eventId) {
        TextStatusChanged e = new TextStatusChanged(t.id.toString(), t.leadId, t.businessId, t.recipient, t.step,
                status, t.providerMessageId, errorCode, price, price == null ? null : currencyOf(t), at);
        outbox.add(TextTopic.key(t.businessId, t.recipient), eventId, TextTopic.TEXT_STATUS_CHANGED, t.id.toString(),
                e);
    }

    public void replyReceived(String messageId, String leadId, String businessId, String sender, String text,
            int afterStep, Instant receivedAt) {
        ReplyReceived e = new ReplyReceived(messageId, leadId, businessId, sender, text, afterStep, receivedAt);
        outbox.add(TextTopic.key(businessId, sender), EventIds.of("reply:" + businessId + ":" + messageId),
                TextTopic.REPLY_RECEIVED, messageId, e);
    }

    public void optOutChanged(String messageId, String businessId, String phone, boolean optedOut, String keyword,
            String leadId, Instant at) {
        OptOutChanged e = new OptOutChanged(businessId, phone, optedOut, keyword, leadId, at);
        outbox.add(TextTopic.key(businessId, phone), EventIds.of("opt-out:" + businessId + ":" + messageId),
                TextTopic.OPT_OUT_CHANGED, businessId, e);
    }

    private String currencyOf(OutboundText t) {
        return t.currency == null ? currency : t.currency;
    }
}
