package dev.textback.crm.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.conversion.ConversionRequest;

class CalBookingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String bookingCreated(String uid, String attendeePhone, String responsesPhone) {
        return """
                {"triggerEvent": "BOOKING_CREATED", "createdAt": "2026-11-20T15:04:05.123Z",
                 "payload": {"type": "30min", "title": "Cleaning between Dr. Lee and Ann",
                   "startTime": "2026-11-24T14:00:00Z", "endTime": "2026-11-24T14:30:00Z", "uid": "%s",
                   "organizer": {"name": "Dr. Lee", "email": "lee@example.com", "timeZone": "America/New_York"},
                   "attendees": [{"name": "Ann", "email": "ann@example.com", "timeZone": "America/New_York"%s}],
                   "responses": {"name": {"label": "your_name", "value": "Ann"}%s}}}
                """.formatted(uid, attendeePhone == null ? "" : ", \"phoneNumber\": \"" + attendeePhone + "\"",
                responsesPhone == null ? ""
                        : ", \"attendeePhoneNumber\": {\"label\": \"phone\", \"value\": \"" + responsesPhone + "\"}");
    }

    @Test
    void bookingCreatedIsAnAppointmentKeyedByTheBookingUid() throws Exception {
        CalBookings.Mapped m = CalBookings.map(JSON.readTree(bookingCreated("bk-77", "+12125550147", null)));
        ConversionRequest r = m.conversion();
        assertEquals("+12125550147", r.phone());
        assertEquals("appointment_booked", r.type());
        assertEquals("cal:bk-77", r.externalId());
        assertEquals(Instant.parse("2026-11-20T15:04:05.123Z"), r.occurredAt());
        assertNull(r.value(), "Cal.com's price is not mapped: the conversion is estimated until valued");
    }

    @Test
    void thePhoneMayComeFromTheBookingFormAnswers() throws Exception {
        CalBookings.Mapped m = CalBookings.map(JSON.readTree(bookingCreated("bk-78", null, "(212) 555-0148")));
        assertEquals("(212) 555-0148", m.conversion().phone());
    }

    @Test
    void otherTriggersAndBookingsWithoutPhoneAreIgnoredWithAReason() throws Exception {
        CalBookings.Mapped cancelled = CalBookings.map(JSON.readTree(
                "{\"triggerEvent\": \"BOOKING_CANCELLED\", \"payload\": {\"uid\": \"x\"}}"));
        assertNull(cancelled.conversion());
        assertTrue(cancelled.ignoredBecause().contains("BOOKING_CANCELLED"));
        CalBookings.Mapped noPhone = CalBookings.map(JSON.readTree(bookingCreated("bk-79", null, null)));
        assertNull(noPhone.conversion());
        assertTrue(noPhone.ignoredBecause().contains("phone"));
    }
}
