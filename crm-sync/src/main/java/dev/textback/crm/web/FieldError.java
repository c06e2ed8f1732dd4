package dev.textback.crm.web;

/** One invalid field of a request: its JSON name (with a path such as {@code templates[0].body}) and why. */
public record FieldError(String field, String message) {
}
