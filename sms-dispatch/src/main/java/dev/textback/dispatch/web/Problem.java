package dev.textback.dispatch.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body; {@code errors} names the offending fields of a validation error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://textback.dev/problems/";

    /** One invalid or missing field. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(slug == null ? "about:blank" : BASE + slug, title, status, detail, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(BASE + "invalid-request", "Invalid request", 400, detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
