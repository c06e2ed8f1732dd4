package dev.textback.crm.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A caller became business: a booking, a form, a sale. Published again, with a higher revision,
 * when its value changes later (the invoice arrives weeks after the booking).
 *
 * @param value       the value counted: the reported one, or the business's average when estimated
 * @param estimated   true when no value was reported and the average client value was used
 * @param leadCallId  the missed call this conversion is attributed to, null when none is in the window
 * @param recovered   true when attributed to a missed-call lead, i.e. revenue recovered by Textback
 * @param revision    1 for the first record, +1 for each change
 */
public record ConversionRecorded(
        String conversionId,
        String businessId,
        String contactId,
        String phone,
        String type,
        BigDecimal value,
        String currency,
        boolean estimated,
        Instant occurredAt,
        String leadCallId,
        boolean recovered,
        String externalId,
        int revision,
        Instant recordedAt) {
}
