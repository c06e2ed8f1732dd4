package dev.textback.dispatch.sending;

import java.util.UUID;

/** A text this sender holds the lease on, with what it needs to submit it outside the transaction. */
public record ClaimedText(UUID id, int attempts, SmsRequest request) {
}
