package dev.textback.calls.events;

import java.time.Instant;

/**
 * An inbound call to a business number ended.
 *
 * @param callId          the provider's id of the call (stable across provider retries)
 * @param provider        which phone system reported it, e.g. {@code vonage}
 * @param businessId      the business that owns the called number
 * @param caller          the caller in E.164, or null when withheld or invalid
 * @param callerReachable false when the caller cannot be texted (withheld, anonymous, invalid)
 * @param called          the business number that was called, in E.164
 * @param outcome         answered, missed or voicemail
 * @param reason          the provider's status that decided the outcome, e.g. {@code busy}
 * @param startedAt       when the call started, if the provider said
 * @param endedAt         when the call ended
 * @param durationSeconds talk time reported by the provider, 0 when unanswered
 */
public record CallEnded(
        String callId,
        String provider,
        String businessId,
        String caller,
        boolean callerReachable,
        String called,
        CallOutcome outcome,
        String reason,
        Instant startedAt,
        Instant endedAt,
        Integer durationSeconds) {
}
