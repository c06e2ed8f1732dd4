package dev.textback.access;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The one gate in front of every {@code /api} resource of every service, so a new endpoint is
 * protected without anyone remembering an annotation:
 * <ol>
 * <li>no bearer token, or one that fails verification (signature, expiry, issuer) -> 401 problem;</li>
 * <li>a valid token with neither role {@code admin} nor {@code business} -> 403 problem;</li>
 * <li>a business token and a {@code {businessId}} path parameter it does not name -> 404 problem,
 * exactly what an unknown business gets, so ids cannot be probed.</li>
 * </ol>
 * It runs after matching (it needs the path parameters) and authenticates lazily
 * ({@code quarkus.http.auth.proactive=false}), so provider webhooks that carry their own
 * {@code Authorization} header (Vonage signed webhooks) are never judged by our key. What the path
 * cannot tell (listings, lookups by phone number) is left to {@link BusinessAccess}.
 */
public class AccessFilter {
    public static final String API_PREFIX = "/api";
    /** Path parameter that names the business an endpoint touches; the convention of every service. */
    public static final String BUSINESS_PATH_PARAM = "businessId";
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request) {
        if (!isApi(request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        boolean tokenSent = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        List<String> businessIds = request.getUriInfo().getPathParameters().get(BUSINESS_PATH_PARAM);
        return identities.getDeferredIdentity()
                .onItemOrFailure().transform((identity, failure) -> decide(identity, failure, tokenSent, businessIds));
    }

    static Response decide(SecurityIdentity identity, Throwable failure, boolean tokenSent, List<String> businessIds) {
        if (failure != null) {
            LOG.debugf("bearer token refused: %s", failure.getMessage());
            return AccessProblems.unauthorized("The bearer token is not valid (expired, wrong signature or issuer).",
                    true);
        }
        if (identity == null || identity.isAnonymous()) {
            return AccessProblems.unauthorized("A bearer token is required.", tokenSent);
        }
        TokenScope scope = TokenScopes.of(identity);
        if (!scope.admin() && !identity.hasRole(Roles.BUSINESS)) {
            return AccessProblems.forbidden("The token carries neither the admin nor the business role.");
        }
        if (businessIds != null) {
            for (String businessId : businessIds) {
                if (!scope.canSee(businessId)) {
                    return AccessProblems.businessNotFound();
                }
            }
        }
        return null;
    }

    static boolean isApi(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.equals(API_PREFIX) || p.startsWith(API_PREFIX + "/");
    }
}
