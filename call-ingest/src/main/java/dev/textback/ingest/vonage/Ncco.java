package dev.textback.ingest.vonage;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The Call Control Objects our answer webhook returns, built as plain maps so the JSON is exactly
 * what Vonage documents and nothing more.
 */
public final class Ncco {
    private Ncco() {
    }

    /**
     * Rings the business's phone from the number the caller dialled, for less time than a carrier's
     * voicemail waits (so an unanswered call is ours to text back, not lost in a mailbox), with
     * machine detection (so a voicemail that still picks up is told apart from a person).
     */
    public static List<Map<String, Object>> forward(String forwardToE164, String calledE164, int ringTimeoutSeconds,
            URI eventUrl) {
        return List.of(Map.of(
                "action", "connect",
                "from", digits(calledE164),
                "timeout", ringTimeoutSeconds,
                "machineDetection", "continue",
                "eventUrl", List.of(eventUrl.toString()),
                "eventMethod", "POST",
                "endpoint", List.of(Map.of("type", "phone", "number", digits(forwardToE164)))));
    }

    public static List<Map<String, Object>> say(String text) {
        return List.of(Map.of("action", "talk", "text", text));
    }

    /** Vonage writes numbers in E.164 without the '+'. */
    private static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
