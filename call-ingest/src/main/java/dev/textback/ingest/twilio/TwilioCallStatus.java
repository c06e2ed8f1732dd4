package dev.textback.ingest.twilio;

import dev.textback.calls.events.CallOutcome;
import dev.textback.ingest.classify.Classification;

import java.util.Locale;
import java.util.Set;

/**
 * The Twilio Voice status table. {@code CallStatus} (or {@code DialCallStatus} when the callback
 * comes from a {@code <Dial>} that forwarded the call) decides; {@code AnsweredBy} tells a person
 * from a voicemail when answering machine detection is on.
 */
public final class TwilioCallStatus {
    private static final Set<String> MISSED = Set.of("no-answer", "busy", "failed", "canceled");
    private static final Set<String> IN_PROGRESS = Set.of("queued", "initiated", "ringing", "in-progress",
            "answered");

    private TwilioCallStatus() {
    }

    public static Classification classify(String status, String answeredBy, Integer durationSeconds) {
        if (status == null || status.isBlank()) {
            return Classification.unknown("");
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (MISSED.contains(s)) {
            return Classification.ended(CallOutcome.MISSED, s);
        }
        if (s.equals("completed")) {
            String by = answeredBy == null ? "" : answeredBy.trim().toLowerCase(Locale.ROOT);
            if (by.startsWith("machine") || by.equals("fax")) {
                return Classification.ended(CallOutcome.VOICEMAIL, s + ":" + by);
            }
            if (durationSeconds != null && durationSeconds == 0) {
                return Classification.ended(CallOutcome.MISSED, "completed:no-talk-time");
            }
            return Classification.ended(CallOutcome.ANSWERED, by.isEmpty() ? s : s + ":" + by);
        }
        if (IN_PROGRESS.contains(s)) {
            return Classification.notFinal(s);
        }
        return Classification.unknown(s);
    }
}
