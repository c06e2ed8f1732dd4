package dev.textback.metrics.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem body; every 4xx and 5xx of this service carries one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://textback.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Invalid parameter " + errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid parameters: "
                        + String.join(", ", errors.stream().map(FieldError::field).toList());
        return new Problem(BASE + "validation", "Invalid request", 400, detail, List.copyOf(errors));
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not Found", detail);
    }
}
