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
        Problem body = new Problem("https://textback.dev/problems/" + slug, title, status, detail, errors);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
