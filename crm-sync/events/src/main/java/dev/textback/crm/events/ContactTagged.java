package dev.textback.crm.events;

import java.time.Instant;

/** A contact got a tag, e.g. {@code missed-call-recovery} when a missed call made them a lead. */
public record ContactTagged(
        String contactId,
        String businessId,
        String phone,
        String tag,
        Instant taggedAt) {
}
