package dev.textback.ingest.publish;

import dev.textback.ingest.web.Problem;

/** The broker did not acknowledge the event in time: the webhook must not say it was received. */
public class PublishFailedException extends RuntimeException {
    /** Seconds a provider is asked to wait before retrying (its Retry-After header). */
    public static final String RETRY_AFTER = "5";

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The answer (with Retry-After), the same from the REST mapper and from the Vert.x route. */
    public Problem problem() {
        return Problem.of(503, "broker-unavailable", "Event store unavailable", "The call was not recorded; retry later.",
                null);
    }
}
