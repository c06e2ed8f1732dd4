package dev.textback.access;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Problem bodies for the refusals Quarkus security raises itself (for example {@code @RolesAllowed("admin")}
 * on an operation a business token calls), and for {@link BusinessAccess#require}. Without these the
 * built-in mappers answer with an empty body, and a service's catch-all mapper could turn them into 500.
 */
public class AccessExceptionMappers {
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return AccessProblems.unauthorized("A bearer token is required.",
                request.getHeader(HttpHeaders.AUTHORIZATION) != null);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return AccessProblems.unauthorized("The bearer token is not valid (expired, wrong signature or issuer).", true);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return AccessProblems.forbidden("This token's role may not do this.");
    }

    @ServerExceptionMapper(priority = 1)
    public Response notVisible(BusinessNotVisibleException e) {
        return AccessProblems.businessNotFound();
    }
}
