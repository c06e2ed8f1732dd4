package dev.textback.crm.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based UUIDs: the same natural key always gives the same id, so retries are absorbed downstream. */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join(":", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
