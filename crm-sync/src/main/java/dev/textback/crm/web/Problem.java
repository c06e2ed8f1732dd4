package dev.textback.crm.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body. {@code errors} names every invalid field, so a client can fix all of
 * them at once instead of one round trip per field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://textback.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Invalid field " + errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields: "
                        + String.join(", ", errors.stream().map(FieldError::field).toList());
        return new Problem(BASE + "validation", "Invalid request", 400, detail, List.copyOf(errors));
    }
}
