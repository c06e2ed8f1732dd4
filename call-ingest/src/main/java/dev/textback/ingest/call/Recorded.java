package dev.textback.ingest.call;

import dev.textback.calls.events.CallOutcome;

/**
 * What became of a webhook: published (the broker acknowledged it), or deliberately not recorded,
 * with the reason that is also counted.
 */
public record Recorded(String eventId, CallOutcome outcome, String ignoredBecause) {

    public static Recorded published(String eventId, CallOutcome outcome) {
        return new Recorded(eventId, outcome, null);
    }

    public static Recorded ignored(String because) {
        return new Recorded(null, null, because);
    }

    public boolean isPublished() {
        return eventId != null;
    }
}
