package dev.textback.crm.booking;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.textback.access.Roles;
import dev.textback.crm.business.BusinessService;

/**
 * Admin-only access to a business's booking-webhook secret: read it to configure a booking tool, rotate
 * it when it leaked. The previous secret keeps verifying for the grace period after a rotation.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/businesses/{businessId}/webhook-secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {
    @Inject
    BusinessService businesses;
    @Inject
    WebhookSecrets secrets;

    @GET
    @Transactional
    public WebhookSecrets.View get(@PathParam("businessId") String businessId) {
        businesses.find(businessId);
        return secrets.view(secrets.ensure(businessId));
    }

    @POST
    @Path("/rotate")
    @Transactional
    public WebhookSecrets.View rotate(@PathParam("businessId") String businessId) {
        businesses.find(businessId);
        return secrets.rotate(businessId);
    }
}
