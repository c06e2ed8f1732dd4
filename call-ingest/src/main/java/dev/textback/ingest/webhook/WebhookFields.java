package dev.textback.ingest.webhook;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient, bounded reading of webhook fields, whichever way they came (JSON body, query string or
 * form): providers send numbers as strings, nulls and extra fields, so only what we use is read, and
 * a field of the wrong shape or size is an {@link InvalidWebhook} naming it, never a 500.
 */
public final class WebhookFields {
    /** No field we read is legitimately longer; anything longer is refused before it is parsed. */
    public static final int MAX_FIELD_LENGTH = 256;

    private final Function<String, String> source;

    private WebhookFields(Function<String, String> source) {
        this.source = source;
    }

    /** Fields of a JSON object; nested objects or arrays where a value is expected are refused. */
    public static WebhookFields of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidWebhook("body", "expected a JSON object");
        }
        return new WebhookFields(name -> {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isValueNode()) {
                throw new InvalidWebhook(name, "expected a string or number");
            }
            return node.asText();
        });
    }

    /** Fields of a query string or form: the first value of each name. */
    public static WebhookFields of(Map<String, List<String>> params) {
        return new WebhookFields(name -> {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        });
    }

    /** The value, trimmed, or null when absent or blank. */
    public String text(String name) {
        String value = source.apply(name);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new InvalidWebhook(name, "longer than " + MAX_FIELD_LENGTH + " characters");
        }
        // No field we read ever carries control characters; trimming them away could turn garbage
        // into an absent (or a valid-looking) value.
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidWebhook(name, "contains control characters");
            }
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public String required(String name) {
        String value = text(name);
        if (value == null) {
            throw new InvalidWebhook(name, "is required");
        }
        return value;
    }

    /** A provider's call id: letters, digits and - _ . : only, so it is safe in ids, logs and keys. */
    public String callId(String name) {
        String value = required(name);
        if (value.length() > 128 || !isCallId(value)) {
            throw new InvalidWebhook(name, "is not a call id");
        }
        return value;
    }

    private static boolean isCallId(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        Instant usual = UtcTimestamps.parse(value);
        if (usual != null) {
            return usual;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidWebhook(name, "expected an ISO-8601 instant");
        }
    }

    /** Whole seconds between 0 and 7 days, whether sent as a number or a string. */
    public Integer seconds(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < 0 || seconds > 7 * 86_400) {
                throw new InvalidWebhook(name, "out of range");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new InvalidWebhook(name, "expected whole seconds");
        }
    }
}
