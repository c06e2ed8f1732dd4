package dev.textback.texts.events;

import java.math.BigDecimal;
import java.time.Instant;

/** A delivery receipt (or a send failure) changed what we know about a text. */
public record TextStatusChanged(
        String textId,
        String leadId,
        String businessId,
        String recipient,
        int step,
        TextStatus status,
        String providerMessageId,
        String errorCode,
        BigDecimal price,
        String currency,
        Instant statusAt) {
}
