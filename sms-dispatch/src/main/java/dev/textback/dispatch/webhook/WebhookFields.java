package dev.textback.dispatch.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.web.Problem;
import dev.textback.dispatch.web.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Webhook fields however Vonage sent them (GET query, form POST or JSON POST, depending on the
 * account settings), as one flat map of strings. Collects validation errors so a bad request is
 * answered with every problem at once, before anything is applied.
 */
public final class WebhookFields {
    private static final DateTimeFormatter VONAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<String, String> values;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private WebhookFields(Map<String, String> values) {
        this.values = values;
    }

    public static WebhookFields of(MultivaluedMap<String, String> params) {
        Map<String, String> v = new HashMap<>();
        if (params != null) {
            params.forEach((name, list) -> {
                if (list != null && !list.isEmpty()) {
                    v.put(name, list.get(0));
                }
            });
        }
        return new WebhookFields(v);
    }

    /** A JSON object body; anything else (malformed, an array, a number) is a 400. */
    public static WebhookFields ofJson(ObjectMapper mapper, String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                    "The request body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                    "The request body must be a JSON object."));
        }
        Map<String, String> v = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                v.put(f.getKey(), f.getValue().asText());
            }
        }
        return new WebhookFields(v);
    }

    /** Every field as received (what a signature is computed over). */
    public Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The trimmed value, or null when absent or blank. */
    public String optional(String name) {
        String s = values.get(name);
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The raw value (not trimmed: message text keeps its spaces), or null. */
    public String raw(String name) {
        return values.get(name);
    }

    public String required(String name) {
        String s = optional(name);
        if (s == null) {
            errors.add(new Problem.FieldError(name, "is required"));
        }
        return s;
    }

    public BigDecimal decimal(String name) {
        String s = optional(name);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(name, "is not a number"));
            return null;
        }
    }

    /** Vonage's "yyyy-MM-dd HH:mm:ss" (UTC) or ISO-8601; null when absent or unreadable (the time is informative). */
    public Instant time(String name) {
        String s = optional(name);
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, VONAGE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notVonageFormat) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    public void reject(String name, String message) {
        errors.add(new Problem.FieldError(name, message));
    }

    /** Throws a 400 listing every field error found so far. */
    public void validate(String what) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The " + what + " is missing or has invalid fields.", List.copyOf(errors));
        }
    }
}
