package dev.textback.dispatch.optout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.compose.SegmentCounter;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.TextQueued;
import dev.textback.dispatch.sending.TextState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Answers to keywords: the one confirmation of an opt-out or opt-in, and HELP. They are texts of no
 * lead (kind SERVICE): they go out even to a caller who just opted out, at once (an answer to the
 * caller's own message, so no quiet hours), from the number the caller wrote to, and publish no lead
 * events. One per inbound message and kind, by their deterministic id.
 */
@ApplicationScoped
public class ServiceTexts {
    public static final int OPT_OUT_CONFIRMATION = -1;
    public static final int OPT_IN_CONFIRMATION = -2;
    public static final int HELP_ANSWER = -3;

    @Inject
    OutboundTextRepository texts;
    @Inject
    Event<TextQueued> queued;

    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Business business, String from, String to, String messageId, int kind, Instant now) {
        String body = switch (kind) {
            case OPT_OUT_CONFIRMATION -> business.name
                    + ": you are unsubscribed and will get no more texts from us. Reply START to resubscribe.";
            case OPT_IN_CONFIRMATION -> business.name
                    + ": you are subscribed again. Reply STOP to opt out, HELP for help.";
            case HELP_ANSWER -> business.name
                    + ": we text you about calls we missed. Reply STOP to opt out. Msg & data rates may apply.";
            default -> throw new IllegalArgumentException("no service text " + kind);
        };
        UUID id = UUID.nameUUIDFromBytes(("service:" + business.id + ":" + messageId + ":" + kind)
                .getBytes(StandardCharsets.UTF_8));
        if (texts.findById(id) != null) {
            return;
        }
        SegmentCounter.Segments segments = SegmentCounter.count(body);
        OutboundText t = new OutboundText();
        t.id = id;
        t.kind = OutboundText.KIND_SERVICE;
        t.businessId = business.id;
        t.step = kind;
        t.recipient = to;
        t.sender = from;
        t.variant = "service";
        t.body = body;
        t.segments = segments.count();
        t.unicode = segments.unicode();
        t.state = TextState.PENDING;
        t.nextAttemptAt = now;
        t.triggerMessageId = messageId;
        t.createdAt = now;
        t.updatedAt = now;
        texts.persist(t);
        queued.fire(new TextQueued(id, now));
    }
}
