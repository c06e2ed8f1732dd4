package dev.textback.texts.events;

import java.time.Instant;

/**
 * A caller answered one of our texts.
 *
 * @param replyId   the provider's id of the inbound message (duplicates share it)
 * @param leadId    the caller's latest lead at this business, null if there is none
 * @param afterStep the step of the last text sent before the reply, -1 if none was sent
 */
public record ReplyReceived(
        String replyId,
        String leadId,
        String businessId,
        String sender,
        String text,
        int afterStep,
        Instant receivedAt) {
}
