package dev.textback.ingest.call;

import dev.textback.ingest.classify.Classification;

import java.time.Instant;

/**
 * One provider webhook, read and classified, before routing: every provider format is reduced to
 * this, so routing, caller normalization and publishing are written once.
 *
 * @param callId           the provider's id of the call; with the provider it makes the event id
 * @param rawCaller        the caller as the provider sent it (any format, or withheld words)
 * @param rawCalled        the number the caller dialled, as the provider sent it
 * @param expectedBusiness when the webhook is per business (the generic one), the business whose
 *                         number must have been called; null otherwise
 */
public record IncomingCall(
        String provider,
        String callId,
        String rawCaller,
        String rawCalled,
        Classification classification,
        Instant startedAt,
        Instant endedAt,
        Integer durationSeconds,
        String expectedBusiness) {
}
