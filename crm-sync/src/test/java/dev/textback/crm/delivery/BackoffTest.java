package dev.textback.crm.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 12);

    @Test
    void doublesFromTheBaseAndStopsAtTheCap() {
        assertEquals(Duration.ofSeconds(10), backoff.after(1));
        assertEquals(Duration.ofSeconds(20), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(3));
        assertEquals(Duration.ofSeconds(2560), backoff.after(9));
        assertEquals(Duration.ofHours(1), backoff.after(10));
        assertEquals(Duration.ofHours(1), backoff.after(500), "no overflow for absurd attempt counts");
    }

    @Test
    void exhaustedAfterTheLastAttempt() {
        assertFalse(backoff.exhausted(11));
        assertTrue(backoff.exhausted(12));
    }
}
