package dev.textback.texts.events;

import java.time.Instant;

/** A caller opted out of (or back into) texts from one business. */
public record OptOutChanged(
        String businessId,
        String phone,
        boolean optedOut,
        String keyword,
        String leadId,
        Instant changedAt) {
}
