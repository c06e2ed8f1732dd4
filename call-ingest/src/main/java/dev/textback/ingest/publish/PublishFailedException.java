package dev.textback.ingest.publish;

/** The broker did not acknowledge the event in time: the webhook must not say it was received. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
