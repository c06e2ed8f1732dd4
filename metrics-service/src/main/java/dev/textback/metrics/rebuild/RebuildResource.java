package dev.textback.metrics.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.textback.access.Roles;

/** Operators only: replay every topic into a fresh read model and switch to it. */
@Path("/api/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {
    @Inject
    Rebuild rebuild;

    @POST
    @Operation(summary = "Start a rebuild",
            description = "Replays all topics from the beginning into a new schema, recomputes the rollups, then switches "
                    + "the service to it. Reports keep answering from the old read model until the switch.")
    @APIResponse(responseCode = "202", description = "Started (or already running)",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Operation(summary = "Progress of the current or last rebuild")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    public RebuildStatus status() {
        return rebuild.status();
    }
}
