package dev.textback.crm.delivery;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.textback.crm.events.ConversionRecorded;

/**
 * What an external CRM is told, stored as JSON in a delivery row. One of three kinds:
 * {@code contact} (the caller became a lead: upsert with the tag), {@code interaction} (a line of the
 * timeline: a call, a text, a reply, an opt-out) and {@code conversion} (a booking or sale, or a new
 * value of one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmUpdate(
        String kind,
        String businessId,
        String contactId,
        String phone,
        Instant at,
        String tag,
        String interaction,
        String detail,
        ConversionRecorded conversion) {

    public static final String CONTACT = "contact";
    public static final String INTERACTION = "interaction";
    public static final String CONVERSION = "conversion";

    public static CrmUpdate contact(String businessId, String contactId, String phone, String tag, Instant at) {
        return new CrmUpdate(CONTACT, businessId, contactId, phone, at, tag, null, null, null);
    }

    public static CrmUpdate interaction(String businessId, String contactId, String phone, Instant at, String kind,
            String detail) {
        return new CrmUpdate(INTERACTION, businessId, contactId, phone, at, null, kind, detail, null);
    }

    public static CrmUpdate conversion(ConversionRecorded c) {
        return new CrmUpdate(CONVERSION, c.businessId(), c.contactId(), c.phone(), c.recordedAt(), null, null, null, c);
    }
}
