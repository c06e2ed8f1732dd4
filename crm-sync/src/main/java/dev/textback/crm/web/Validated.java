package dev.textback.crm.web;

import java.util.List;

/** The outcome of validating a request: a normalized value, or every field that is wrong. */
public record Validated<T>(T value, List<FieldError> errors) {

    public static <T> Validated<T> ok(T value) {
        return new Validated<>(value, List.of());
    }

    public static <T> Validated<T> invalid(List<FieldError> errors) {
        return new Validated<>(null, List.copyOf(errors));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The value, or a 400 problem naming every invalid field. */
    public T orThrow() {
        if (!isValid()) {
            throw ProblemException.invalid(errors);
        }
        return value;
    }
}
