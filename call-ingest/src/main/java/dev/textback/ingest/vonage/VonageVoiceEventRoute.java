package dev.textback.ingest.vonage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.call.IncomingCall;
import dev.textback.ingest.call.Recorded;
import dev.textback.ingest.classify.Classification;
import dev.textback.ingest.routing.BusinessRoute;
import dev.textback.ingest.signature.VonageSignature;
import dev.textback.ingest.web.RouteResponses;
import dev.textback.ingest.webhook.JsonBodies;
import dev.textback.ingest.webhook.WebhookFields;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Vonage Voice event webhook, as JSON POST or as GET query (the application's event method decides).
 * A final status becomes one {@code CallEnded}; the answer is 200 only after the broker acknowledged
 * it, 202 when there was nothing to record, 401 for a bad signature, 400 for a malformed event, 413
 * for a body over 64 KiB, 415 for a body that is not JSON.
 *
 * <p>Events of the leg our answer webhook forwarded carry {@code leg=forward} and the caller's call
 * in their query string; for a business that forwards through Textback that leg alone decides, and
 * the inbound leg's own end (always "completed": our NCCO answered it) is ignored.
 *
 * <p>Why a plain Vert.x route rather than a REST resource like the other webhooks: this is the one
 * endpoint that takes every call of every business, and profiling at thousands of webhooks per second
 * put a fifth of the service's CPU in the REST layer's dispatch and its security checks (the webhook
 * needs neither: its signature is checked here). Errors keep the problem bodies of the REST endpoints.
 */
@ApplicationScoped
public class VonageVoiceEventRoute {
    static final String PATH = "/webhooks/vonage/voice/event";
    private static final String PROVIDER = "vonage";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonBodies json;
    private final CallRecorder recorder;
    private final VonageSignature signature;
    private final RouteResponses responses;

    VonageVoiceEventRoute(JsonBodies json, CallRecorder recorder, VonageSignature signature, RouteResponses responses) {
        this.json = json;
        this.recorder = recorder;
        this.signature = signature;
        this.responses = responses;
    }

    void register(@Observes Router router) {
        // Two routes, because Vert.x admits a body handler only as a route's first handler; the content
        // type is checked before the body is read.
        router.post(PATH).handler(this::requireJson);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setMergeFormAttributes(false))
                .handler(this::onJson).failureHandler(responses::failed);
        router.get(PATH).handler(this::onQuery).failureHandler(responses::failed);
        router.route(PATH).handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
            responses.status(ctx, 405, "Use GET or POST.");
        });
    }

    /** Refused before the body is read, as the REST endpoints' @Consumes does. */
    private void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        int semicolon = type == null ? -1 : type.indexOf(';');
        String media = type == null ? "" : (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (media.toLowerCase(Locale.ROOT).equals("application/json")) {
            ctx.next();
        } else {
            responses.status(ctx, 415, "The body must be application/json.");
        }
    }

    private void onJson(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        try {
            String replayKey = signature.verify(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), body);
            VonageVoiceEvent event = VonageVoiceEvent.from(WebhookFields.of(json.read(body)));
            answer(ctx, handle(event, query(ctx), replayKey), replayKey);
        } catch (RuntimeException e) {
            responses.failed(ctx, e);
        }
    }

    private void onQuery(RoutingContext ctx) {
        try {
            String replayKey = signature.verify(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), new byte[0]);
            Map<String, List<String>> query = query(ctx);
            answer(ctx, handle(VonageVoiceEvent.from(WebhookFields.of(query)), query, replayKey), replayKey);
        } catch (RuntimeException e) {
            responses.failed(ctx, e);
        }
    }

    private void answer(RoutingContext ctx, Uni<Recorded> recorded, String replayKey) {
        recorded.subscribe().with(r -> {
            signature.accepted(replayKey);
            responses.recorded(ctx, r);
        }, failure -> responses.failed(ctx, failure));
    }

    private Uni<Recorded> handle(VonageVoiceEvent event, Map<String, List<String>> query, String replayKey) {
        ForwardedLeg leg = ForwardedLeg.from(query);
        Classification c = VonageCallStatus.classify(event.status(), event.detail(), event.durationSeconds(), leg != null);
        IncomingCall call;
        if (leg != null) {
            call = new IncomingCall(PROVIDER, leg.inboundUuid(), leg.caller(), leg.called(), c, event.startTime(),
                    event.endedAt(), event.durationSeconds(), null);
        } else {
            if (c.isFinal() && recorder.route(event.to()).filter(BusinessRoute::forwards).isPresent()) {
                return Uni.createFrom().item(recorder.ignored(PROVIDER, "decided-by-forwarded-leg"));
            }
            call = new IncomingCall(PROVIDER, event.callId(), event.from(), event.to(), c, event.startTime(),
                    event.endedAt(), event.durationSeconds(), null);
        }
        return recorder.record(call);
    }

    /** The query string, decoded; most events have none. */
    private static Map<String, List<String>> query(RoutingContext ctx) {
        if (ctx.request().query() == null) {
            return Map.of();
        }
        MultiMap params = ctx.queryParams();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : params.names()) {
            out.put(name, params.getAll(name));
        }
        return out;
    }
}
