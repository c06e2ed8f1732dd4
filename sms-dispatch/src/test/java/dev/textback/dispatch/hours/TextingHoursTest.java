package dev.textback.dispatch.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextingHoursTest {
    private static final TextingHours FEDERAL = new TextingHours(DailyWindow.parse("08:00-21:00"));
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final String MIAMI = "+13052001234";
    private static final String MANHATTAN = "+12122001234";
    private static final String AUSTIN = "+15122001234";

    @Test
    void theRecipientsZoneComesFromTheAreaCode() {
        assertEquals(List.of(NEW_YORK), TextingHours.zonesOf(MANHATTAN, LOS_ANGELES));
        assertEquals(List.of(ZoneId.of("America/Chicago")), TextingHours.zonesOf(AUSTIN, LOS_ANGELES));
    }

    @Test
    void aNumberWithoutAKnownZoneUsesTheBusinessZone() {
        assertEquals(List.of(LOS_ANGELES), TextingHours.zonesOf("+15550001234", LOS_ANGELES));
        // 07:00 in Los Angeles -> 08:00 there
        assertEquals(Instant.parse("2026-11-27T16:00:00Z"),
                FEDERAL.nextAllowed("+15550001234", LOS_ANGELES, null, Instant.parse("2026-11-27T15:00:00Z")));
    }

    @Test
    void federalWindowIsEightToNineInTheRecipientsTime() {
        // 20:30 in New York (EST, UTC-5): allowed; 21:00: deferred to 08:00 the next morning
        Instant evening = Instant.parse("2026-11-28T01:30:00Z");
        assertTrue(FEDERAL.allowed(MANHATTAN, LOS_ANGELES, null, evening));
        assertEquals(Instant.parse("2026-11-28T13:00:00Z"),
                FEDERAL.nextAllowed(MANHATTAN, LOS_ANGELES, null, Instant.parse("2026-11-28T02:00:00Z")));
        assertEquals(Instant.parse("2026-11-28T13:00:00Z"),
                FEDERAL.nextAllowed(MANHATTAN, LOS_ANGELES, null, Instant.parse("2026-11-28T07:59:00Z")));
    }

    @Test
    void floridaStopsAtEight() {
        // 20:30 in Miami is too late under Florida's 8-8 rule, though the federal window allows it
        Instant evening = Instant.parse("2026-11-28T01:30:00Z");
        assertFalse(FEDERAL.allowed(MIAMI, NEW_YORK, null, evening));
        assertEquals(Instant.parse("2026-11-28T13:00:00Z"), FEDERAL.nextAllowed(MIAMI, NEW_YORK, null, evening));
        assertEquals("FL", StateWindows.forNumber(MIAMI).orElseThrow().state());
        assertEquals("OK", StateWindows.forNumber("+19182001234").orElseThrow().state());
    }

    @Test
    void texasWaitsForNoonOnSunday() {
        // Sunday 2026-11-29 10:00 in Austin (CST, UTC-6) -> noon; Saturday 10:00 is fine
        assertEquals(Instant.parse("2026-11-29T18:00:00Z"),
                FEDERAL.nextAllowed(AUSTIN, NEW_YORK, null, Instant.parse("2026-11-29T16:00:00Z")));
        assertTrue(FEDERAL.allowed(AUSTIN, NEW_YORK, null, Instant.parse("2026-11-28T16:00:00Z")));
        // and 08:30 on a weekday is before Texas' 9:00
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"),
                FEDERAL.nextAllowed(AUSTIN, NEW_YORK, null, Instant.parse("2026-11-27T14:30:00Z")));
    }

    @Test
    void aBusinessNarrowsTheWindowButCannotWidenIt() {
        DailyWindow tenToSix = DailyWindow.parse("10:00-18:00");
        // 09:00 in New York -> 10:00
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"),
                FEDERAL.nextAllowed(MANHATTAN, LOS_ANGELES, tenToSix, Instant.parse("2026-11-27T14:00:00Z")));
        // a window of 06:00-23:00 still stops at 21:00
        DailyWindow wide = DailyWindow.parse("06:00-23:00");
        assertFalse(FEDERAL.allowed(MANHATTAN, LOS_ANGELES, wide, Instant.parse("2026-11-28T02:30:00Z")));
        assertFalse(FEDERAL.allowed(MANHATTAN, LOS_ANGELES, wide, Instant.parse("2026-11-27T12:00:00Z")));
    }

    @Test
    void aBusinessWindowOutsideTheLegalOneIsIgnoredRatherThanDeferringForever() {
        DailyWindow lateNight = DailyWindow.parse("22:00-23:00");
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"),
                FEDERAL.nextAllowed(MANHATTAN, LOS_ANGELES, lateNight, Instant.parse("2026-11-27T15:00:00Z")));
    }

    @Test
    void windowsParseWithTwentyFourHundredAsTheEnd() {
        assertEquals(new DailyWindow(0, 1440), DailyWindow.parse("00:00-24:00"));
        assertEquals(new DailyWindow(480, 1260), DailyWindow.parse("08:00-21:00"));
    }
}
