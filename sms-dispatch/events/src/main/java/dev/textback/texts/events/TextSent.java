package dev.textback.texts.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The provider accepted a text for a lead.
 *
 * @param textId            the outbound text row id, also sent to the provider as client-ref
 * @param leadId            the lead the text belongs to
 * @param callId            the missed call that opened the lead
 * @param missedAt          when that call ended, so speed to text can be measured downstream
 * @param step              0 for the first text, 1.. for follow-ups
 * @param variant           which template variant was used
 * @param providerMessageId the provider's message id
 * @param segments          SMS segments billed
 * @param price             what the provider reported it costs, may be null
 */
public record TextSent(
        String textId,
        String leadId,
        String businessId,
        String callId,
        String recipient,
        String sender,
        int step,
        String variant,
        Instant missedAt,
        Instant acceptedAt,
        String providerMessageId,
        int segments,
        BigDecimal price,
        String currency) {
}
