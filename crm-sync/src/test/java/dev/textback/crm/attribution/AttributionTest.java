package dev.textback.crm.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.crm.attribution.Attribution.MissedCall;

class AttributionTest {
    private static final Instant CONVERTED = Instant.parse("2026-03-31T12:00:00Z");
    private static final int WINDOW = 30;

    @Test
    void callExactlyAtTheStartOfTheWindowIsAttributed() {
        MissedCall call = new MissedCall("c1", CONVERTED.minus(Duration.ofDays(WINDOW)));
        Attribution.Result r = Attribution.attribute(List.of(call), CONVERTED, WINDOW);
        assertEquals("c1", r.leadCallId());
        assertTrue(r.recovered());
    }

    @Test
    void callOneSecondBeforeTheWindowIsNotAttributed() {
        MissedCall call = new MissedCall("c1", CONVERTED.minus(Duration.ofDays(WINDOW)).minusSeconds(1));
        Attribution.Result r = Attribution.attribute(List.of(call), CONVERTED, WINDOW);
        assertNull(r.leadCallId());
        assertFalse(r.recovered());
    }

    @Test
    void callEndingAtTheConversionInstantIsAttributed() {
        Attribution.Result r = Attribution.attribute(List.of(new MissedCall("c1", CONVERTED)), CONVERTED, WINDOW);
        assertEquals("c1", r.leadCallId());
    }

    @Test
    void callAfterTheConversionIsNotAttributed() {
        Attribution.Result r = Attribution.attribute(List.of(new MissedCall("later", CONVERTED.plusSeconds(1))),
                CONVERTED, WINDOW);
        assertEquals(Attribution.Result.NONE, r);
    }

    @Test
    void mostRecentCallInsideTheWindowWins() {
        List<MissedCall> calls = List.of(
                new MissedCall("old", CONVERTED.minus(Duration.ofDays(20))),
                new MissedCall("recent", CONVERTED.minus(Duration.ofHours(3))),
                new MissedCall("middle", CONVERTED.minus(Duration.ofDays(2))),
                new MissedCall("after", CONVERTED.plus(Duration.ofHours(1))));
        Attribution.Result r = Attribution.attribute(calls, CONVERTED, WINDOW);
        assertEquals("recent", r.leadCallId());
        assertTrue(r.recovered());
    }

    @Test
    void noCallsOrOnlyCallsOutsideTheWindowLeaveItUnattributed() {
        assertEquals(Attribution.Result.NONE, Attribution.attribute(List.of(), CONVERTED, WINDOW));
        List<MissedCall> outside = List.of(new MissedCall("ancient", CONVERTED.minus(Duration.ofDays(31))));
        assertEquals(Attribution.Result.NONE, Attribution.attribute(outside, CONVERTED, WINDOW));
        // the same call is inside a longer window
        assertEquals("ancient", Attribution.attribute(outside, CONVERTED, 60).leadCallId());
    }

    @Test
    void tiesOnTheEndInstantAreDecidedByCallIdNotByOrder() {
        Instant at = CONVERTED.minusSeconds(60);
        List<MissedCall> a = List.of(new MissedCall("a", at), new MissedCall("b", at));
        List<MissedCall> b = List.of(new MissedCall("b", at), new MissedCall("a", at));
        assertEquals(Attribution.attribute(a, CONVERTED, WINDOW), Attribution.attribute(b, CONVERTED, WINDOW));
    }
}
