package dev.textback.crm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.textback.crm.web.ProblemException;

class ContactQueryTest {

    @Test
    void aCursorRoundTripsToTheMicrosecond() {
        ContactQuery.Cursor c = new ContactQuery.Cursor(Instant.parse("2026-11-27T03:04:05.123456Z"), "abc-1");
        assertEquals(c, ContactQuery.Cursor.decode(c.encode()));
        ContactQuery.Cursor early = new ContactQuery.Cursor(Instant.parse("1969-12-31T23:59:59.5Z"), "x");
        assertEquals(early, ContactQuery.Cursor.decode(early.encode()));
        assertNull(ContactQuery.Cursor.decode(null));
    }

    @Test
    void aForgedCursorOrUnknownStatusIsA400NamingTheParameter() {
        ProblemException e = assertThrows(ProblemException.class, () -> ContactQuery.Cursor.decode("not-a-cursor!"));
        assertEquals("cursor", e.problem().errors().get(0).field());
        e = assertThrows(ProblemException.class, () -> ContactQuery.Status.parse("vip"));
        assertEquals("status", e.problem().errors().get(0).field());
        assertEquals(ContactQuery.Status.OPTED_OUT, ContactQuery.Status.parse("opted-out"));
    }
}
