package dev.textback.ingest.webhook;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.ingest.call.Recorded;

/**
 * 200 when a call was recorded (the broker acknowledged it), 202 when the webhook was fine but there
 * was nothing to record; either way the provider must not retry.
 */
public final class WebhookResponses {
    private WebhookResponses() {
    }

    public static Response of(Recorded recorded) {
        if (recorded.isPublished()) {
            return Response.ok(Map.of("eventId", recorded.eventId(), "outcome", recorded.outcome().name()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.accepted(Map.of("ignored", recorded.ignoredBecause())).type(MediaType.APPLICATION_JSON).build();
    }
}
