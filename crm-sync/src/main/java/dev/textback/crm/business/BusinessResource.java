package dev.textback.crm.business;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.access.BusinessAccess;
import dev.textback.access.Roles;
import dev.textback.crm.events.BusinessProfile;

/** Tenants: who Textback works for, with the numbers, templates and money settings the pipeline needs. */
@Path("/api/businesses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BusinessResource {
    @Inject
    BusinessService service;

    @Inject
    BusinessAccess access;

    /** Tenants are created and removed by operators; a business token manages its own settings (PUT). */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(BusinessRequest request) {
        BusinessProfile created = service.create(request);
        return Response.created(URI.create("/api/businesses/" + created.businessId())).entity(created).build();
    }

    @GET
    public List<BusinessProfile> list() {
        return access.visible(service.list(), BusinessProfile::businessId);
    }

    @GET
    @Path("/{businessId}")
    public BusinessProfile get(@PathParam("businessId") String businessId) {
        return service.get(businessId);
    }

    @PUT
    @Path("/{businessId}")
    public BusinessProfile replace(@PathParam("businessId") String businessId, BusinessRequest request) {
        return service.replace(businessId, request);
    }

    @DELETE
    @Path("/{businessId}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("businessId") String businessId) {
        service.delete(businessId);
        return Response.noContent().build();
    }
}
