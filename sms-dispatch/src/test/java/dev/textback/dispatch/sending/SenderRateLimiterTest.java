package dev.textback.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SenderRateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static SenderRateLimiter limiter(double perSecond) {
        SenderRateLimiter l = new SenderRateLimiter();
        l.ratePerSecond = perSecond;
        l.init();
        return l;
    }

    @Test
    void slotsOfOneSenderAreEvenlySpaced() {
        SenderRateLimiter l = limiter(10);
        assertEquals(0, l.reserve("+15550001", SECOND));
        long second = l.reserve("+15550001", SECOND);
        long third = l.reserve("+15550001", SECOND);
        assertTrue(second > 90_000_000L && second <= 100_000_000L, "about 100 ms: " + second);
        assertTrue(third > 190_000_000L && third <= 200_000_000L, "about 200 ms: " + third);
        assertEquals(0, l.reserve("+15550002", SECOND), "another number has its own budget");
    }

    @Test
    void aSlotBeyondTheMaximumWaitIsNotTaken() {
        SenderRateLimiter l = limiter(1);
        assertEquals(0, l.reserve("+15550001", SECOND));
        long tooLate = l.reserve("+15550001", SECOND / 2);
        assertTrue(tooLate > SECOND / 2, "the next slot is about a second away");
        long again = l.reserve("+15550001", 2 * SECOND);
        assertTrue(Math.abs(again - tooLate) < 50_000_000L, "the refused slot was not consumed");
    }

    @Test
    void zeroMeansUnlimited() {
        SenderRateLimiter l = limiter(0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, l.reserve("+15550001", 0));
        }
    }
}
