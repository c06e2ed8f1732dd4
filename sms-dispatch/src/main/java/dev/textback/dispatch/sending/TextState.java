package dev.textback.dispatch.sending;

/**
 * Where an outbound text is in its send state machine. UNKNOWN means the request may have reached
 * the provider but we never learned the outcome: it is never resent blindly, only reconciled by a
 * delivery receipt.
 */
public enum TextState {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    UNKNOWN,
    CANCELLED
}
