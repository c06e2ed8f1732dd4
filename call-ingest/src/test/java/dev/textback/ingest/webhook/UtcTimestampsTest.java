package dev.textback.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {
    @Test
    void agreesWithInstantParseOnGeneratedTimestamps() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            String iso = t.toString();
            String millis = iso.length() > 20 ? iso.substring(0, Math.min(iso.length() - 1, 23)) + "Z" : iso;
            assertEquals(Instant.parse(iso), UtcTimestamps.parse(iso), iso);
            assertEquals(Instant.parse(millis), UtcTimestamps.parse(millis), millis);
        }
    }

    @Test
    void readsTheVonageShape() {
        assertEquals(Instant.parse("2026-11-20T15:04:05Z"), UtcTimestamps.parse("2026-11-20T15:04:05.000Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.5Z"), UtcTimestamps.parse("2024-02-29T23:59:59.5Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-20T24:00:00Z",
            "2026-11-20T15:04:60Z", "2026-11-20T15:04:05+01:00", "2026-11-20 15:04:05Z", "2026-11-20T15:04:05.Z",
            "2026-11-20T15:04:05.1234567890Z", "+2026-11-20T15:04:05Z", "2026-1a-20T15:04:05Z", "2026-11-20T15:04:05z"})
    void leavesEveryOtherShapeToTheFullParser(String text) {
        assertNull(UtcTimestamps.parse(text));
    }
}
