package dev.textback.metrics.review;

import java.time.YearMonth;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.business.BusinessRepository;
import dev.textback.metrics.report.Months;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The monthly review, server-rendered HTML for a business owner. It lives under /api so the same
 * bearer-token rules guard it as every other report (a business token sees only its own page).
 */
@Path("/api/businesses/{businessId}/review")
@Tag(name = "reports")
public class ReviewResource {
    @Inject
    BusinessRepository businesses;
    @Inject
    ReviewPages pages;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance review(ReviewPage page);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The monthly review page (HTML)",
            description = "Funnel, 12-month trend, payback and ROI, speed to text and variants of one month, cohort view.")
    public TemplateInstance review(@PathParam("businessId") String businessId,
            @Parameter(description = "YYYY-MM; default the month before the current one") @QueryParam("month") String month) {
        YearMonth m = Months.parse("month", month);
        BusinessEntity business = businesses.require(businessId);
        return Templates.review(pages.build(business, m != null ? m : YearMonth.now(business.zone()).minusMonths(1)));
    }
}
