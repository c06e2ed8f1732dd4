package dev.textback.ingest.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.textback.ingest.call.CallMetrics;
import io.vertx.ext.web.Router;

/**
 * Counts refused webhooks by what their answer says, whoever answered (a REST resource, the Vert.x
 * route, the framework): 400 "invalid", 413 "too-large", 415 "unsupported-media-type". Signature
 * refusals (401) are counted where they are decided, with the precise reason. A body whose declared
 * Content-Length is over the limit is refused by the HTTP server before any route, this one included:
 * it shows only in http_server_requests (status 413), not here.
 */
@ApplicationScoped
public class RefusalCounter {
    private final CallMetrics metrics;

    RefusalCounter(CallMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        // before every other handler (after the access log), so it sees every answer
        router.route("/webhooks/*").order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.request().path();
            ctx.addEndHandler(done -> {
                String reason = switch (ctx.response().getStatusCode()) {
                    case 400 -> "invalid";
                    case 413 -> "too-large";
                    case 415 -> "unsupported-media-type";
                    default -> null;
                };
                if (reason != null) {
                    metrics.refusedAt(path, reason);
                }
            });
            ctx.next();
        });
    }
}
