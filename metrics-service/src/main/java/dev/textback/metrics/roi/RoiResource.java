package dev.textback.metrics.roi;

import java.time.LocalDate;

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
import dev.textback.metrics.web.Problem;

@Path("/api/businesses/{businessId}/roi")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "roi")
public class RoiResource {
    @Inject
    BusinessRepository businesses;
    @Inject
    RoiQueries queries;

    @GET
    @Operation(summary = "ROI summary of a business for a period",
            description = "Cohort view: a lead counts in the period of its missed call, even when it converts later. "
                    + "Dates are inclusive, in the business's time zone. Ratios with a zero denominator are omitted. "
                    + "view=activity counts each event by its own date instead.")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoiSummary.class)))
    @APIResponse(responseCode = "400", description = "Malformed date, from after to, or more than 366 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown business",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RoiSummary roi(
            @PathParam("businessId") String businessId,
            @Parameter(description = "First day (YYYY-MM-DD, inclusive); default: 29 days before to")
            @QueryParam("from") String from,
            @Parameter(description = "Last day (YYYY-MM-DD, inclusive); default: today in the business's time zone")
            @QueryParam("to") String to,
            @Parameter(description = "cohort (default: leads by their missed call's date) or activity (events by their own date)")
            @QueryParam("view") String view) {
        Period.Request request = Period.parse(from, to); // a malformed date is a 400 even for an unknown business
        View v = View.parse(view);
        BusinessEntity business = businesses.require(businessId);
        Period period = request.resolve(LocalDate.now(business.zone()));
        return queries.summary(business, period, v);
    }
}
