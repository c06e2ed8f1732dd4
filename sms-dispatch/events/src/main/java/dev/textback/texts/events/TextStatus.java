package dev.textback.texts.events;

/** What the provider's delivery receipt said about a text that was accepted. */
public enum TextStatus {
    DELIVERED,
    FAILED,
    EXPIRED,
    REJECTED,
    UNKNOWN
}
