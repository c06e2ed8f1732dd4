package dev.textback.ingest.routing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.access.BusinessAccess;
import dev.textback.ingest.phone.PhoneNumbers;
import dev.textback.ingest.web.Problem;

/**
 * Lets operators (and the local stack) see whether a number is routed yet. A business token sees only
 * its own numbers: another business's number answers exactly like an unrouted one.
 */
@Path("/api/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {
    private final RoutingTable table;
    private final BusinessAccess access;
    private final String defaultRegion;

    RoutingResource(RoutingTable table, BusinessAccess access,
            @ConfigProperty(name = "textback.phone.default-region") String defaultRegion) {
        this.table = table;
        this.access = access;
        this.defaultRegion = defaultRegion;
    }

    @GET
    @Path("/{number}")
    public Response route(@PathParam("number") String number) {
        // a number without its country code is read as the webhooks read it: in the configured region
        return PhoneNumbers.toE164(number, defaultRegion)
                .flatMap(table::route)
                .filter(route -> access.canSee(route.businessId()))
                .map(r -> Response.ok(r).build())
                .orElseGet(() -> Problem.response(404, "number-not-routed", "Number not routed",
                        "No business owns this number (yet)."));
    }
}
