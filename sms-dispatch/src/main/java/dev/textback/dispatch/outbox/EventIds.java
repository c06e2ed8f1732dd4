package dev.textback.dispatch.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic ids from natural keys, so a retried webhook or redelivered event yields the same id. */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String naturalKey) {
        return UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
