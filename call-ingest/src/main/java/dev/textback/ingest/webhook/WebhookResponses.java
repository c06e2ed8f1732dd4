package dev.textback.ingest.webhook;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.ingest.call.Recorded;

/**
 * 200 when a call was recorded (the broker acknowledged it), 202 when the webhook was fine but there
 * was nothing to record; either way the provider must not retry.
 *
 * <p>The two small bodies are written as text rather than through the JSON writer: every webhook
 * answers with one, and their values need no escaping (a UUID, an enum name, a reason of our own).
 */
public final class WebhookResponses {
    private WebhookResponses() {
    }

    public static Response of(Recorded recorded) {
        return Response.status(status(recorded)).entity(body(recorded)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** 200 for a recorded call, 202 for nothing to record. */
    public static int status(Recorded recorded) {
        return recorded.isPublished() ? 200 : 202;
    }

    /** The answer's JSON body: the event id and outcome, or why nothing was recorded. */
    public static String body(Recorded recorded) {
        return recorded.isPublished()
                ? "{\"eventId\":\"" + recorded.eventId() + "\",\"outcome\":\"" + recorded.outcome().name() + "\"}"
                : "{\"ignored\":\"" + recorded.ignoredBecause() + "\"}";
    }
}
