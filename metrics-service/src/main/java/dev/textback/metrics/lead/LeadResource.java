package dev.textback.metrics.lead;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.business.BusinessRepository;
import dev.textback.metrics.roi.Period;
import dev.textback.metrics.web.Problem;

@Path("/api/businesses/{businessId}/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "leads")
public class LeadResource {
    @Inject
    BusinessRepository businesses;
    @Inject
    LeadQueries queries;

    @GET
    @Operation(summary = "Per-lead facts of a period (debugging)",
            description = "The leads whose missed call is in the period, oldest first, at most 1000. Same period rules as /roi.")
    @APIResponse(responseCode = "200", description = "The leads")
    @APIResponse(responseCode = "400", description = "Malformed date, from after to, or more than 366 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown business",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<LeadView> leads(
            @PathParam("businessId") String businessId,
            @Parameter(description = "First day (YYYY-MM-DD, inclusive)") @QueryParam("from") String from,
            @Parameter(description = "Last day (YYYY-MM-DD, inclusive)") @QueryParam("to") String to) {
        Period.Request request = Period.parse(from, to);
        BusinessEntity business = businesses.require(businessId);
        return queries.cohort(business, request.resolve(LocalDate.now(business.zone())));
    }
}
