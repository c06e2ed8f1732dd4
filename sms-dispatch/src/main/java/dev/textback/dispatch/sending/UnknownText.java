package dev.textback.dispatch.sending;

import java.time.Instant;
import java.util.UUID;

/** A text in UNKNOWN: sent to {@code recipient}, its (last) submission started at {@code submitStartedAt}. */
public record UnknownText(UUID id, String recipient, Instant submitStartedAt) {
}
