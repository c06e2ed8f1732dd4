package dev.textback.ingest.routing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    RoutingResource(RoutingTable table, BusinessAccess access) {
        this.table = table;
        this.access = access;
    }

    @GET
    @Path("/{number}")
    public Response route(@PathParam("number") String number) {
        return PhoneNumbers.toE164(number, "US")
                .flatMap(table::route)
                .filter(route -> access.canSee(route.businessId()))
                .map(r -> Response.ok(r).build())
                .orElseGet(() -> Problem.response(404, "number-not-routed", "Number not routed",
                        "No business owns this number (yet)."));
    }
}
