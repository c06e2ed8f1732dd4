package dev.textback.dispatch.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The clock's arithmetic, and that it refuses to move unless simulated time is on. */
class DispatchClockTest {

    @Test
    void readsRealTimeUntilMoved() {
        DispatchClock clock = new DispatchClock();
        Instant before = Instant.now();
        Instant now = clock.now();
        assertTrue(!now.isBefore(before) && !now.isAfter(Instant.now()), "real time: " + now);
        assertEquals(Duration.ZERO, clock.offset());
    }

    @Test
    void movedBackThreeWeeksItReadsThreeWeeksAgoAndKeepsRunning() {
        DispatchClock clock = new DispatchClock();
        clock.settable = true;
        Duration back = Duration.ofDays(-21);
        clock.setOffset(back);
        Instant lower = Instant.now().plus(back);
        Instant read = clock.now();
        Instant upper = Instant.now().plus(back);
        assertTrue(!read.isBefore(lower) && !read.isAfter(upper), read + " not within [" + lower + ", " + upper + "]");
        assertEquals(back, clock.offset());
        clock.setOffset(Duration.ZERO);
        assertTrue(Duration.between(clock.now(), Instant.now()).abs().toMillis() < 1_000, "back to real time");
    }

    @Test
    void refusesToMoveWhenSimulatedTimeIsOff() {
        DispatchClock clock = new DispatchClock();
        assertThrows(IllegalStateException.class, () -> clock.setOffset(Duration.ofHours(5)));
        assertEquals(Duration.ZERO, clock.offset(), "the refused move changed nothing");
    }
}
