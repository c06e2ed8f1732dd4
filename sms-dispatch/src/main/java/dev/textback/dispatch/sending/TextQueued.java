package dev.textback.dispatch.sending;

import java.time.Instant;
import java.util.UUID;

/** A PENDING text was written; observed after the transaction commits to wake the sender at once. */
public record TextQueued(UUID textId, Instant dueAt) {
}
