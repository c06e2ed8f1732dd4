package dev.textback.ingest.vonage;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.call.IncomingCall;
import dev.textback.ingest.call.Recorded;
import dev.textback.ingest.classify.Classification;
import dev.textback.ingest.routing.BusinessRoute;
import dev.textback.ingest.signature.VonageSignature;
import dev.textback.ingest.webhook.JsonBodies;
import dev.textback.ingest.webhook.WebhookFields;
import dev.textback.ingest.webhook.WebhookResponses;
import io.smallrye.mutiny.Uni;

/**
 * Vonage Voice event webhook, as JSON POST or as GET query (the application's event method decides).
 * A final status becomes one {@code CallEnded}; the answer is 200 only after the broker acknowledged
 * it, 202 when there was nothing to record, 401 for a bad signature, 400 for a malformed event.
 *
 * <p>Events of the leg our answer webhook forwarded carry {@code leg=forward} and the caller's call
 * in their query string; for a business that forwards through Textback that leg alone decides, and
 * the inbound leg's own end (always "completed": our NCCO answered it) is ignored.
 */
@Path("/webhooks/vonage/voice/event")
@Produces(MediaType.APPLICATION_JSON)
public class VonageVoiceEventResource {
    private static final String PROVIDER = "vonage";

    private final JsonBodies json;
    private final CallRecorder recorder;
    private final VonageSignature signature;

    VonageVoiceEventResource(JsonBodies json, CallRecorder recorder, VonageSignature signature) {
        this.json = json;
        this.recorder = recorder;
        this.signature = signature;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> onJson(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        String replayKey = signature.verify(authorization, body);
        VonageVoiceEvent event = VonageVoiceEvent.from(WebhookFields.of(json.read(body)));
        return handle(event, uri.getQueryParameters(), replayKey);
    }

    @GET
    public Uni<Response> onQuery(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        String replayKey = signature.verify(authorization, new byte[0]);
        Map<String, List<String>> query = uri.getQueryParameters();
        return handle(VonageVoiceEvent.from(WebhookFields.of(query)), query, replayKey);
    }

    private Uni<Response> handle(VonageVoiceEvent event, Map<String, List<String>> query, String replayKey) {
        ForwardedLeg leg = ForwardedLeg.from(query);
        Classification c = VonageCallStatus.classify(event.status(), event.detail(), event.durationSeconds(), leg != null);
        IncomingCall call;
        if (leg != null) {
            call = new IncomingCall(PROVIDER, leg.inboundUuid(), leg.caller(), leg.called(), c, event.startTime(),
                    event.endedAt(), event.durationSeconds(), null);
        } else {
            if (c.isFinal() && recorder.route(event.to()).filter(BusinessRoute::forwards).isPresent()) {
                return Uni.createFrom().item(done(recorder.ignored(PROVIDER, "decided-by-forwarded-leg"), replayKey));
            }
            call = new IncomingCall(PROVIDER, event.callId(), event.from(), event.to(), c, event.startTime(),
                    event.endedAt(), event.durationSeconds(), null);
        }
        return recorder.record(call).map(r -> done(r, replayKey));
    }

    private Response done(Recorded recorded, String replayKey) {
        signature.accepted(replayKey);
        return WebhookResponses.of(recorded);
    }
}
