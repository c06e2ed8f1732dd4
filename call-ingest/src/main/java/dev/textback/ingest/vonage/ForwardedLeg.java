package dev.textback.ingest.vonage;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriBuilder;

import dev.textback.ingest.webhook.WebhookFields;

/**
 * What our answer webhook puts in the event URL of the leg it forwards to the business's phone, so
 * that the leg's events (whose own from/to are the business's numbers) can be tied back to the
 * caller's call: the inbound leg's uuid (which also makes the event id, so every event of one call
 * gives the same id), the caller and the number they dialled.
 */
public record ForwardedLeg(String inboundUuid, String caller, String called) {
    static final String LEG = "leg";
    static final String FORWARD = "forward";

    /** The correlation carried by an event's query string, or null for a plain (not forwarded) leg. */
    public static ForwardedLeg from(Map<String, List<String>> query) {
        WebhookFields f = WebhookFields.of(query);
        if (!FORWARD.equals(f.text(LEG))) {
            return null;
        }
        return new ForwardedLeg(f.callId("inbound"), f.text("caller"), f.required("called"));
    }

    public URI eventUrl(URI base) {
        UriBuilder b = UriBuilder.fromUri(base).path("webhooks/vonage/voice/event")
                .queryParam(LEG, FORWARD)
                .queryParam("inbound", inboundUuid)
                .queryParam("called", called);
        if (caller != null) {
            b.queryParam("caller", caller);
        }
        return b.build();
    }
}
