package dev.textback.crm.conversion;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.crm.contact.ContactResource;
import dev.textback.crm.events.ConversionRecorded;

/** Bookings, forms and sales reported by a business; each is attributed and published. */
@Path("/api/businesses/{businessId}/conversions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversionResource {
    @Inject
    ConversionService service;

    /** 201 for a new conversion; 200 with the existing one when its externalId was already recorded. */
    @POST
    public Response record(@PathParam("businessId") String businessId, ConversionRequest request) {
        ConversionService.Outcome outcome;
        try {
            outcome = service.record(businessId, request);
        } catch (ConversionService.ConcurrentDuplicate e) {
            outcome = service.record(businessId, request); // the other request won: answer with its conversion
        }
        ConversionRecorded c = outcome.conversion();
        if (!outcome.created()) {
            return Response.ok(c).build();
        }
        return Response.created(URI.create("/api/businesses/" + businessId + "/conversions/" + c.conversionId()))
                .entity(c).build();
    }

    @GET
    public List<ConversionRecorded> list(@PathParam("businessId") String businessId,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        return service.list(businessId, ContactResource.limit(limit));
    }

    @GET
    @Path("/{conversionId}")
    public ConversionRecorded get(@PathParam("businessId") String businessId,
            @PathParam("conversionId") String conversionId) {
        return service.get(businessId, conversionId);
    }

    @PATCH
    @Path("/{conversionId}")
    public ConversionRecorded changeValue(@PathParam("businessId") String businessId,
            @PathParam("conversionId") String conversionId, ValuePatch patch) {
        return service.changeValue(businessId, conversionId, patch);
    }
}
