package dev.textback.metrics.report;

import java.time.LocalDate;
import java.time.YearMonth;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.business.BusinessRepository;
import dev.textback.metrics.roi.Period;
import dev.textback.metrics.roi.View;
import dev.textback.metrics.web.Problem;

/** Rolling windows, the monthly table (JSON and CSV), variants and steps of one business. */
@Path("/api/businesses/{businessId}")
@Tag(name = "reports")
@APIResponse(responseCode = "400", description = "Malformed parameter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "Unknown business",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportResource {
    @Inject
    BusinessRepository businesses;
    @Inject
    Reports reports;

    @GET
    @Path("/rolling")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The last 7, 30 and 90 days", description = "Three ROI summaries ending with the same day.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RollingReport.class)))
    public RollingReport rolling(@PathParam("businessId") String businessId,
            @Parameter(description = "Last day (YYYY-MM-DD), default today in the business's time zone") @QueryParam("to") String to,
            @Parameter(description = "cohort (default) or activity") @QueryParam("view") String view) {
        Period.Request request = Period.parse(null, to);
        View v = View.parse(view);
        BusinessEntity business = businesses.require(businessId);
        LocalDate through = request.to() != null ? request.to() : LocalDate.now(business.zone());
        return reports.rolling(business, through, v);
    }

    @GET
    @Path("/months")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "12 months side by side",
            description = "Every figure of the ROI summary for each of the 12 months ending with `to`, with the change from the month before.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MonthlyReport.class)))
    public MonthlyReport months(@PathParam("businessId") String businessId,
            @Parameter(description = "Last month (YYYY-MM), default the current month") @QueryParam("to") String to,
            @Parameter(description = "cohort (default) or activity") @QueryParam("view") String view) {
        YearMonth last = Months.parse("to", to);
        View v = View.parse(view);
        BusinessEntity business = businesses.require(businessId);
        return reports.months(business, Months.orCurrent(last, business.zone()), v);
    }

    @GET
    @Path("/months.csv")
    @Produces("text/csv")
    @Operation(summary = "The monthly table as CSV", description = "One row per month, one column per figure; absent values are empty.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    public Response monthsCsv(@PathParam("businessId") String businessId, @QueryParam("to") String to,
            @QueryParam("view") String view) {
        YearMonth last = Months.parse("to", to);
        View v = View.parse(view);
        BusinessEntity business = businesses.require(businessId);
        YearMonth month = Months.orCurrent(last, business.zone());
        return Response.ok(reports.monthsCsv(business, month, v), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"textback-" + business.id + "-" + month + ".csv\"")
                .build();
    }

    @GET
    @Path("/variants")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy performance per message variant",
            description = "Cohort of the period: rates with 95% Wilson intervals and a two-proportion z-test against the first variant.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VariantReport.class)))
    public VariantReport variants(@PathParam("businessId") String businessId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Period.Request request = Period.parse(from, to);
        BusinessEntity business = businesses.require(businessId);
        return reports.variants(business, request.resolve(LocalDate.now(business.zone())));
    }

    @GET
    @Path("/steps")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sequence performance per follow-up step",
            description = "Cohort of the period: leads sent each step, first replies and conversions after it, and what each step added.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StepReport.class)))
    public StepReport steps(@PathParam("businessId") String businessId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Period.Request request = Period.parse(from, to);
        BusinessEntity business = businesses.require(businessId);
        return reports.steps(business, request.resolve(LocalDate.now(business.zone())));
    }
}
