package dev.textback.ingest.vonage;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.calls.events.CallOutcome;
import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.call.IncomingCall;
import dev.textback.ingest.classify.Classification;
import dev.textback.ingest.routing.BusinessRoute;
import dev.textback.ingest.signature.VonageSignature;
import dev.textback.ingest.webhook.JsonBodies;
import dev.textback.ingest.webhook.WebhookFields;
import io.smallrye.mutiny.Uni;

/**
 * Vonage Voice answer webhook (GET query by default, JSON POST when the application says so).
 * Answers with the NCCO that forwards the caller to the business's phone, ringing for the business's
 * ring timeout; the forwarded leg's events come back to the event webhook carrying the caller's call.
 *
 * <p>A business without a forward-to phone cannot take the call at all: the caller hears a short
 * message and the call is recorded as missed right here (same event id as the inbound leg's own
 * events, so they are absorbed downstream).
 */
@Path("/webhooks/vonage/voice/answer")
@Produces(MediaType.APPLICATION_JSON)
public class VonageAnswerResource {
    static final String NOT_IN_SERVICE = "The number you dialled is not in service.";
    static final String NOBODY_AVAILABLE = "Sorry, nobody can take your call right now. We will get back to you shortly.";

    private final JsonBodies json;
    private final CallRecorder recorder;
    private final VonageSignature signature;
    private final Optional<URI> publicUrl;

    VonageAnswerResource(JsonBodies json, CallRecorder recorder, VonageSignature signature,
            @ConfigProperty(name = "textback.public-url") Optional<URI> publicUrl) {
        this.json = json;
        this.recorder = recorder;
        this.signature = signature;
        this.publicUrl = publicUrl;
    }

    @GET
    public Uni<Response> onQuery(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        String replayKey = signature.verify(authorization, new byte[0]);
        return answer(WebhookFields.of(uri.getQueryParameters()), uri, replayKey);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> onJson(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri) {
        String replayKey = signature.verify(authorization, body);
        return answer(WebhookFields.of(json.read(body)), uri, replayKey);
    }

    private Uni<Response> answer(WebhookFields f, UriInfo uri, String replayKey) {
        String uuid = f.callId("uuid");
        String to = f.required("to");
        String from = f.text("from");
        Optional<String> called = recorder.called(to);
        Optional<BusinessRoute> route = recorder.route(to);
        if (route.isEmpty()) {
            recorder.ignored("vonage", "unrouted-number");
            return Uni.createFrom().item(ncco(Ncco.say(NOT_IN_SERVICE), replayKey));
        }
        BusinessRoute business = route.get();
        if (business.forwards()) {
            ForwardedLeg leg = new ForwardedLeg(uuid, from, called.orElseThrow());
            URI eventUrl = leg.eventUrl(publicUrl.orElse(uri.getBaseUri()));
            return Uni.createFrom().item(ncco(Ncco.forward(business.forwardTo(), called.get(), business.ringTimeoutSeconds(),
                    eventUrl), replayKey));
        }
        IncomingCall call = new IncomingCall("vonage", uuid, from, to,
                Classification.ended(CallOutcome.MISSED, "answered:no-forward-number"), Instant.now(), Instant.now(),
                0, null);
        return recorder.record(call).map(r -> ncco(Ncco.say(NOBODY_AVAILABLE), replayKey));
    }

    private Response ncco(List<Map<String, Object>> ncco, String replayKey) {
        signature.accepted(replayKey);
        return Response.ok(ncco).build();
    }
}
