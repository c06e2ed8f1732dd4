package dev.textback.metrics.fold;

/** An event that can never be applied (unreadable, or missing what identifies it): not worth a retry. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
