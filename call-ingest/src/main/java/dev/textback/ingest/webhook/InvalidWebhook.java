package dev.textback.ingest.webhook;

import java.util.List;

import dev.textback.ingest.web.Problem;

/** A webhook field that is missing or of the wrong shape: answered 400 with the field named. */
public class InvalidWebhook extends RuntimeException {
    private final String field;

    public InvalidWebhook(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The answer, the same from the REST mapper and from the Vert.x route. */
    public Problem problem() {
        return Problem.of(400, "invalid-webhook", "Invalid webhook", getMessage(), List.of(field));
    }
}
