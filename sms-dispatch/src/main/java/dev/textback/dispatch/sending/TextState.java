package dev.textback.dispatch.sending;

/**
 * Where an outbound text is in its send state machine. UNKNOWN means the request may have reached
 * the provider but we never learned the outcome: it is never resent blindly; a delivery receipt
 * reconciles it, or else the provider's records decide ({@code UnknownTextCheck}).
 */
public enum TextState {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    UNKNOWN,
    CANCELLED
}
