package dev.textback.crm.booking;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.crm.conversion.ConversionService;

/**
 * Booking tools report conversions here. Not under /api: these are authenticated by the HMAC
 * signature of the business's webhook secret, not by a bearer token. The raw body is read as bytes
 * because the signature covers exactly what was sent.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class BookingWebhookResource {
    @Inject
    BookingService bookings;

    /** The generic signed booking webhook: the conversion body of the REST API, signed; externalId required. */
    @POST
    @Path("/bookings/{businessId}")
    @Consumes(MediaType.WILDCARD)
    public Response generic(@PathParam("businessId") String businessId,
            @HeaderParam(Signatures.HEADER) String signature, byte[] body) {
        BookingService.Result result;
        try {
            result = bookings.generic(businessId, signature, body);
        } catch (ConversionService.ConcurrentDuplicate e) {
            result = bookings.generic(businessId, signature, body);
        }
        return respond(businessId, result);
    }

    /** Cal.com's webhook format, as an example of a real booking tool; its secret is the business's webhook secret. */
    @POST
    @Path("/cal/{businessId}")
    @Consumes(MediaType.WILDCARD)
    public Response cal(@PathParam("businessId") String businessId,
            @HeaderParam(Signatures.CAL_HEADER) String signature, byte[] body) {
        BookingService.Result result;
        try {
            result = bookings.cal(businessId, signature, body);
        } catch (ConversionService.ConcurrentDuplicate e) {
            result = bookings.cal(businessId, signature, body);
        }
        return respond(businessId, result);
    }

    private static Response respond(String businessId, BookingService.Result result) {
        if (result.outcome() == null) {
            return Response.accepted(Map.of("ignored", result.ignoredBecause())).build();
        }
        var c = result.outcome().conversion();
        if (!result.outcome().created()) {
            return Response.ok(c).build();
        }
        return Response.created(URI.create("/api/businesses/" + businessId + "/conversions/" + c.conversionId()))
                .entity(c).build();
    }
}
