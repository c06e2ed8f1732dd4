package dev.textback.ingest.vonage;

import dev.textback.calls.events.CallOutcome;
import dev.textback.ingest.classify.Classification;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Vonage Voice status table (docs/call-classification.md shows it to humans). A call's final
 * status decides its outcome; statuses before the end publish nothing.
 *
 * <p>Two kinds of leg reach us. A plain inbound leg (no forwarding through our answer webhook): it
 * ends {@code completed} when something answered it. A forwarded leg (the {@code connect} our NCCO
 * placed to the business's phone): its end says whether a person at the business picked up, and a
 * {@code machine} result means the business's voicemail took the call.
 */
public final class VonageCallStatus {
    private static final Map<String, CallOutcome> MISSED_STATUSES = Map.of(
            "unanswered", CallOutcome.MISSED,
            "timeout", CallOutcome.MISSED,
            "busy", CallOutcome.MISSED,
            "rejected", CallOutcome.MISSED,
            "cancelled", CallOutcome.MISSED,
            "failed", CallOutcome.MISSED);
    /** Statuses that come before the end of a leg, or carry something else (input, recordings). */
    private static final Set<String> IN_PROGRESS = Set.of("started", "ringing", "answered", "human", "input",
            "record", "transfer", "disconnected", "payment");

    private VonageCallStatus() {
    }

    /**
     * @param forwardedLeg true for events of the leg our NCCO connected to the business's phone
     * @param detail       Vonage's {@code detail} (e.g. {@code ring_timeout}, {@code cannot_route}): it
     *                     refines the reason, never the outcome
     */
    public static Classification classify(String status, String detail, Integer durationSeconds,
            boolean forwardedLeg) {
        if (status == null || status.isBlank()) {
            return Classification.unknown("");
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        String reason = detail == null || detail.isBlank() ? s : s + ":" + detail.trim().toLowerCase(Locale.ROOT);
        CallOutcome missed = MISSED_STATUSES.get(s);
        if (missed != null) {
            return Classification.ended(missed, reason);
        }
        if (s.equals("completed")) {
            // A leg that completed without talk time was never really answered (e.g. the caller hung
            // up as the phone was picked up); a missing duration is read as answered.
            boolean noTalk = durationSeconds != null && durationSeconds == 0;
            return noTalk ? Classification.ended(CallOutcome.MISSED, "completed:no-talk-time")
                    : Classification.ended(CallOutcome.ANSWERED, reason);
        }
        if (s.equals("machine")) {
            // On the forwarded leg, machine detection means the business's voicemail answered: nobody
            // at the business spoke to the caller. On a plain leg we never asked for detection.
            return forwardedLeg ? Classification.ended(CallOutcome.VOICEMAIL, reason) : Classification.notFinal(s);
        }
        if (IN_PROGRESS.contains(s)) {
            return Classification.notFinal(s);
        }
        return Classification.unknown(s);
    }
}
