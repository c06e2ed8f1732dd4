package dev.textback.ingest.webhook;

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
}
