package dev.textback.crm.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.crm.conversion.ConversionRequest;

/**
 * Maps Cal.com's webhook envelope {@code {"triggerEvent", "createdAt", "payload": {...}}} to a
 * conversion. Only {@code BOOKING_CREATED} is a conversion; other triggers are acknowledged and ignored.
 * <p>
 * The caller's phone is looked up where Cal.com puts it: {@code payload.attendees[].phoneNumber},
 * then the booking form answers {@code payload.responses.attendeePhoneNumber.value} and
 * {@code payload.responses.phone.value}, then {@code payload.smsReminderNumber}. The booking uid is
 * the idempotency key ({@code cal:<uid>}), so a redelivered webhook records once. Cal.com's
 * {@code price} is not mapped (its unit depends on the event type's payment app): the conversion is
 * valued later through the API, or estimated with the business's average client value meanwhile.
 */
public final class CalBookings {
    public static final String BOOKING_CREATED = "BOOKING_CREATED";
    public static final String TYPE = "appointment_booked";

    private CalBookings() {
    }

    /** What the webhook asks for: a conversion, or why it is ignored. */
    public record Mapped(ConversionRequest conversion, String ignoredBecause) {
    }

    public static Mapped map(JsonNode root) {
        String trigger = text(root.path("triggerEvent"));
        if (!BOOKING_CREATED.equals(trigger)) {
            return new Mapped(null, "trigger " + (trigger == null ? "(none)" : trigger) + " is not a conversion");
        }
        JsonNode p = root.path("payload");
        String uid = text(p.path("uid"));
        if (uid == null) {
            return new Mapped(null, "payload.uid is missing");
        }
        Optional<String> phone = phone(p);
        if (phone.isEmpty()) {
            return new Mapped(null, "the booking carries no attendee phone number");
        }
        Instant at = instant(text(root.path("createdAt")));
        return new Mapped(new ConversionRequest(phone.get(), null, TYPE, null, null, at, "cal:" + uid), null);
    }

    static Optional<String> phone(JsonNode p) {
        for (JsonNode attendee : p.path("attendees")) {
            String phone = text(attendee.path("phoneNumber"));
            if (phone != null) {
                return Optional.of(phone);
            }
        }
        JsonNode responses = p.path("responses");
        for (String field : new String[] {"attendeePhoneNumber", "phone"}) {
            JsonNode answer = responses.path(field);
            String phone = answer.isObject() ? text(answer.path("value")) : text(answer);
            if (phone != null) {
                return Optional.of(phone);
            }
        }
        return Optional.ofNullable(text(p.path("smsReminderNumber")));
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null; // then "now" is used
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText().trim() : null;
    }
}
