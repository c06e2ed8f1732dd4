package dev.textback.crm.contact;

import dev.textback.crm.outbox.EventIds;

/**
 * Contact ids are derived from (business, E.164 phone): the same caller gets the same id on every
 * replica and every replay, without a lookup.
 */
public final class ContactIds {
    private ContactIds() {
    }

    public static String of(String businessId, String phoneE164) {
        return EventIds.of("contact", businessId, phoneE164);
    }
}
