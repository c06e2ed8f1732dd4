package dev.textback.metrics.business;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.textback.access.BusinessAccess;
import io.quarkus.panache.common.Sort;

@Path("/api/businesses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "businesses")
public class BusinessResource {
    @Inject
    BusinessRepository businesses;

    @Inject
    BusinessAccess access;

    @GET
    @Operation(summary = "Known businesses", description = "Every business whose profile arrived on textback.businesses.v1 and was not deleted; "
            + "a business token sees only the businesses it names.")
    public List<BusinessView> list() {
        return access.visible(businesses.listAll(Sort.by("name").and("id")).stream().map(BusinessView::of).toList(),
                BusinessView::id);
    }
}
