package dev.textback.metrics.fold;

/** What happened to one incoming event. */
public enum FoldResult {
    /** Its facts were written. */
    APPLIED,
    /** Its id was seen before: a redelivery, nothing changed. */
    DUPLICATE,
    /** A type this service does not use (ContactTagged) or does not know: acknowledged and skipped. */
    IGNORED
}
