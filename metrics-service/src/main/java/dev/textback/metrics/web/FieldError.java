package dev.textback.metrics.web;

/** One invalid input, named so a client can fix it without guessing. */
public record FieldError(String field, String message) {
}
