package dev.textback.dispatch.business;

import java.time.Instant;
import java.util.List;

import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.events.TextingWindow;
import dev.textback.dispatch.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Read-only view of the local business copy, for operators (and tests waiting for a snapshot). */
@Path("/api/businesses/{businessId}")
@Produces(MediaType.APPLICATION_JSON)
public class BusinessResource {

    /** The stored copy of one business. */
    public record BusinessView(String businessId, String name, String timeZone, boolean enabled, boolean deleted,
            List<String> numbers, List<TextTemplate> templates, int dedupeWindowHours, TextingWindow textingWindow,
            List<FollowUpStep> followUps, String bookingLink, long revision, Instant updatedAt) {
    }

    @Inject
    BusinessRepository repository;
    @Inject
    Templates templates;

    @GET
    public BusinessView get(@PathParam("businessId") String businessId) {
        Business b = repository.findByIdOptional(businessId)
                .orElseThrow(() -> ProblemException.notFound("No business " + businessId + " is known here."));
        return new BusinessView(b.id, b.name, b.timeZone, b.enabled, b.deleted, repository.numbers(b.id),
                templates.of(b), b.dedupeWindowHours,
                b.textingWindowStart == null ? null : new TextingWindow(b.textingWindowStart, b.textingWindowEnd),
                templates.followUps(b), b.bookingLink, b.revision, b.updatedAt);
    }
}
