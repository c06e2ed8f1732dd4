package dev.textback.crm.connector;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.textback.access.Roles;
import dev.textback.crm.booking.WebhookSecrets;
import dev.textback.crm.business.BusinessService;
import dev.textback.crm.web.ProblemException;

/**
 * Per-business connector settings, admin-only (they hold credentials). The HubSpot token is
 * write-only (never shown again); the outbound webhook's signing secret is generated here and shown,
 * because the receiver needs it.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/businesses/{businessId}/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectorResource {
    public static final int MAX_URL = 500;

    @Inject
    BusinessService businesses;
    @Inject
    EntityManager em;

    public record ConnectorRequest(Boolean enabled, String url, String accessToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectorView(String connector, boolean enabled, String url, Boolean accessTokenSet, String secret,
            Instant updatedAt) {
        static ConnectorView of(ConnectorEntity c) {
            boolean hubspot = HubSpotConnector.NAME.equals(c.connector);
            return new ConnectorView(c.connector, c.enabled, c.url,
                    hubspot ? c.token != null : null, hubspot ? null : c.secret, c.updatedAt);
        }
    }

    @GET
    @Transactional
    public List<ConnectorView> list(@PathParam("businessId") String businessId) {
        businesses.find(businessId);
        return em.createQuery("from ConnectorEntity where businessId = :b order by connector", ConnectorEntity.class)
                .setParameter("b", businessId).getResultList().stream().map(ConnectorView::of).toList();
    }

    @PUT
    @Path("/{connector}")
    @Transactional
    public ConnectorView put(@PathParam("businessId") String businessId, @PathParam("connector") String connector,
            ConnectorRequest request) {
        businesses.find(businessId);
        if (!HubSpotConnector.NAME.equals(connector) && !WebhookConnector.NAME.equals(connector)) {
            throw ProblemException.notFound("Connector", connector);
        }
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        ConnectorEntity.Key key = new ConnectorEntity.Key();
        key.businessId = businessId;
        key.connector = connector;
        ConnectorEntity c = em.find(ConnectorEntity.class, key);
        boolean created = c == null;
        if (created) {
            c = new ConnectorEntity();
            c.businessId = businessId;
            c.connector = connector;
        }
        boolean enabled = request.enabled() == null || request.enabled();
        if (HubSpotConnector.NAME.equals(connector)) {
            String token = request.accessToken() == null || request.accessToken().isBlank() ? c.token
                    : request.accessToken().trim();
            if (enabled && token == null) {
                throw ProblemException.invalid("accessToken", "is required to enable HubSpot (a private app token)");
            }
            // Absent keeps the current override, "" removes it (back to the deployment's base URL).
            String url = request.url() == null ? c.url : request.url().isBlank() ? null : request.url().trim();
            if (url != null && !isHttpUrl(url)) {
                throw ProblemException.invalid("url", "must be an absolute http or https URL (a HubSpot API base)");
            }
            c.token = token;
            c.url = url;
        } else {
            String url = request.url() == null || request.url().isBlank() ? c.url : request.url().trim();
            if (enabled && (url == null || !isHttpUrl(url))) {
                throw ProblemException.invalid("url", "must be an absolute http or https URL of at most " + MAX_URL
                        + " characters");
            }
            c.url = url;
            if (c.secret == null) {
                c.secret = WebhookSecrets.generate();
            }
        }
        c.enabled = enabled;
        c.updatedAt = Instant.now();
        if (created) {
            em.persist(c);
        }
        return ConnectorView.of(c);
    }

    @DELETE
    @Path("/{connector}")
    @Transactional
    public Response delete(@PathParam("businessId") String businessId, @PathParam("connector") String connector) {
        businesses.find(businessId);
        int deleted = em.createQuery("delete from ConnectorEntity where businessId = :b and connector = :c")
                .setParameter("b", businessId).setParameter("c", connector).executeUpdate();
        if (deleted == 0) {
            throw ProblemException.notFound("Connector", connector);
        }
        return Response.noContent().build();
    }

    static boolean isHttpUrl(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
