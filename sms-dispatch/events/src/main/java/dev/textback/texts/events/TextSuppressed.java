package dev.textback.texts.events;

import java.time.Instant;

/**
 * A missed call that will not be texted, and why.
 *
 * @param leadId the lead the call joined or opened; null when the caller cannot be a lead (withheld)
 */
public record TextSuppressed(
        String callId,
        String leadId,
        String businessId,
        String recipient,
        SuppressionReason reason,
        Instant missedAt,
        Instant suppressedAt) {
}
