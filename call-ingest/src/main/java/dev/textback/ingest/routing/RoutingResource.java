package dev.textback.ingest.routing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.access.BusinessAccess;
import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.web.Problem;

/**
 * Lets operators (and the local stack) see whether a number is routed yet. A business token sees only
 * its own numbers: another business's number answers exactly like an unrouted one.
 */
@Path("/api/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {
    private final CallRecorder recorder;
    private final BusinessAccess access;

    RoutingResource(CallRecorder recorder, BusinessAccess access) {
        this.recorder = recorder;
        this.access = access;
    }

    @GET
    @Path("/{number}")
    public Response route(@PathParam("number") String number) {
        // read exactly as the webhooks read a called number (the configured default region)
        return recorder.route(number)
                .filter(route -> access.canSee(route.businessId()))
                .map(r -> Response.ok(r).build())
                .orElseGet(() -> Problem.response(404, "number-not-routed", "Number not routed",
                        "No business owns this number (yet)."));
    }
}
