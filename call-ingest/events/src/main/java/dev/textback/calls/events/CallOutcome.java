package dev.textback.calls.events;

/** How an inbound call ended from the business's point of view. */
public enum CallOutcome {
    ANSWERED,
    MISSED,
    VOICEMAIL;

    /** Voicemail is still a call nobody picked up, so it counts as missed for text-back. */
    public boolean isMissed() {
        return this != ANSWERED;
    }
}
