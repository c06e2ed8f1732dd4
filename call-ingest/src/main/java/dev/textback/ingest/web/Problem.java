package dev.textback.ingest.web;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body: every 4xx and 5xx this service returns carries one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<String> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String slug, String title, String detail) {
        return response(status, slug, title, detail, null);
    }

    public static Response response(int status, String slug, String title, String detail, List<String> errors) {
        return of(status, slug, title, detail, errors).toResponse();
    }

    /** The answer of a REST resource carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public static Problem of(int status, String slug, String title, String detail, List<String> errors) {
        return new Problem("https://textback.dev/problems/" + slug, title, status, detail, errors);
    }

    /** The problem for a bare HTTP status (404, 405, 413, 415, ...): its reason phrase as title and slug. */
    public static Problem ofStatus(int status, String detail) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return of(status, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title, detail, null);
    }
}
