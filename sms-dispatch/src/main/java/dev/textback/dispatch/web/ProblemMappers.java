package dev.textback.dispatch.web;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Every 4xx leaves as application/problem+json, including the ones Quarkus REST raises itself
 * (unsupported media type, method not allowed, a JSON body it could not read).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return malformed().toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400 || status >= 500) {
            return original;
        }
        if (hasCause(e, JsonProcessingException.class)) {
            return malformed().toResponse();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Client error" : type.getReasonPhrase();
        Response.ResponseBuilder out = Response.status(status);
        // keep headers such as Allow on a 405
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out.type(Problem.MEDIA_TYPE).entity(Problem.of(null, title, status, e.getMessage())).build();
    }

    static Problem malformed() {
        return Problem.of("malformed-json", "Malformed JSON", 400, "The request body is not valid JSON.");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
