package dev.textback.ingest.web;


import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.ingest.call.CallMetrics;
import dev.textback.ingest.call.Recorded;
import dev.textback.ingest.publish.PublishFailedException;
import dev.textback.ingest.signature.SignatureRefused;
import dev.textback.ingest.webhook.InvalidWebhook;
import dev.textback.ingest.webhook.WebhookResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers of the webhooks served as plain Vert.x routes (not through the REST layer): the same
 * statuses and problem bodies the REST layer's exception mappers give, so a provider cannot tell
 * which way a webhook is served.
 */
@ApplicationScoped
public class RouteResponses {
    private static final Logger LOG = Logger.getLogger(RouteResponses.class);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

    private final ObjectMapper mapper;
    private final CallMetrics metrics;

    RouteResponses(ObjectMapper mapper, CallMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** 200 with the event id once the broker acknowledged the call, 202 when there was nothing to record. */
    public void recorded(RoutingContext ctx, Recorded recorded) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return; // the client went away meanwhile
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).setStatusCode(WebhookResponses.status(recorded))
                .end(WebhookResponses.body(recorded));
    }

    /** The problem for a failure of the webhook's own code, or for a status the route failed with. */
    public void failed(RoutingContext ctx, Throwable failure) {
        if (failure instanceof InvalidWebhook e) {
            write(ctx, e.problem());
        } else if (failure instanceof SignatureRefused e) {
            metrics.refused(e.provider(), "signature-" + e.reason());
            write(ctx, e.problem());
        } else if (failure instanceof PublishFailedException e) {
            ctx.response().putHeader("Retry-After", PublishFailedException.RETRY_AFTER);
            write(ctx, e.problem());
        } else {
            LOG.error("webhook failed", failure);
            write(ctx, Problem.ofStatus(500, "The request could not be handled."));
        }
    }

    /** What a failure handler sees: a status the route (or the body handler) failed with, or an exception. */
    public void failed(RoutingContext ctx) {
        if (ctx.failure() != null) {
            failed(ctx, ctx.failure());
        } else {
            status(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, null);
        }
    }

    /** A framework refusal (413, 415, 405, ...) with its reason phrase as title. */
    public void status(RoutingContext ctx, int status, String detail) {
        write(ctx, Problem.ofStatus(status, detail));
    }

    private void write(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(problem.status());
        try {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }
}
