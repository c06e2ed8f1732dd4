package dev.textback.dispatch.receipt;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.outbox.EventIds;
import dev.textback.dispatch.outbox.ProcessedEvents;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.SendingStore;
import dev.textback.dispatch.sending.TextState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Applies a delivery receipt to its text and publishes the status change, once per message and status. */
@ApplicationScoped
public class ReceiptHandler {
    public enum Outcome {
        APPLIED,
        /** accepted or buffered: not final, nothing to tell anyone. */
        INTERMEDIATE,
        /** The same receipt (or the same status for another part of the text) was applied already. */
        DUPLICATE,
        UNKNOWN_TEXT,
        /** The text is still being submitted; the provider should retry the receipt shortly. */
        NOT_READY
    }

    @Inject
    DispatchClock clock;
    @Inject
    OutboundTextRepository texts;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    TextEvents events;
    @Inject
    SendingStore sending;
    @ConfigProperty(name = "textback.vonage.currency", defaultValue = "USD")
    String currency;

    @Transactional
    public Outcome handle(DeliveryReceipt r) {
        if (r.intermediate()) {
            return Outcome.INTERMEDIATE;
        }
        OutboundText t = find(r).orElse(null);
        if (t == null) {
            return Outcome.UNKNOWN_TEXT;
        }
        if (t.state == TextState.SENDING) {
            // Its submission outcome is not recorded yet; applying the receipt now would publish the
            // status before TextSent. Vonage retries receipts that are not answered 2xx.
            return Outcome.NOT_READY;
        }
        String eventId = EventIds.of("dlr:" + r.messageId() + ":" + r.status());
        if (!processedEvents.markProcessed(eventId)) {
            return Outcome.DUPLICATE;
        }
        Instant now = clock.now();
        if (t.state == TextState.UNKNOWN || t.state == TextState.PENDING) {
            // a receipt proves the provider took the text: an UNKNOWN (or never confirmed) text was SENT after all
            sending.markTaken(t, r.messageId(), r.price(), now);
        }
        if (r.status().name().equals(t.deliveryStatus)) {
            return Outcome.DUPLICATE; // e.g. the receipt of the second part of a long text
        }
        String errorCode = r.errCode() == null || "0".equals(r.errCode()) ? null : r.errCode();
        t.deliveryStatus = r.status().name();
        t.deliveryStatusAt = now;
        t.updatedAt = now;
        if (r.price() != null && (t.price == null || t.segments == 1)) {
            t.price = r.price();
            t.currency = currency;
        }
        if (errorCode != null) {
            t.errorCode = errorCode;
        }
        if (OutboundText.KIND_LEAD.equals(t.kind)) {
            events.statusChanged(t, r.status(), errorCode, r.price() != null ? r.price() : t.price, now, eventId);
        }
        return Outcome.APPLIED;
    }

    private Optional<OutboundText> find(DeliveryReceipt r) {
        if (r.clientRef() != null) {
            try {
                OutboundText t = texts.lock(UUID.fromString(r.clientRef()));
                if (t != null) {
                    return Optional.of(t);
                }
            } catch (IllegalArgumentException notOurs) {
                // a client-ref we did not set; fall back to the message id
            }
        }
        return texts.lockByProviderMessageId(r.messageId());
    }
}
