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
        if (recorded.isPublished()) {
            return Response.ok("{\"eventId\":\"" + recorded.eventId() + "\",\"outcome\":\""
                    + recorded.outcome().name() + "\"}", MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.accepted("{\"ignored\":\"" + recorded.ignoredBecause() + "\"}")
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
