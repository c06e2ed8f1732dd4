package dev.textback.texts.events;

/** Why a missed call did not start a text conversation. Every one is counted. */
public enum SuppressionReason {
    CALLER_WITHHELD,
    OPTED_OUT,
    DEDUPE_WINDOW,
    ACTIVE_CONVERSATION,
    LANDLINE,
    BUSINESS_DISABLED,
    BUSINESS_UNKNOWN,
    STALE_CALL,
    OWN_NUMBER
}
