package dev.textback.dispatch.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.inbound.InboundSms;
import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.receipt.DeliveryReceipt;
import dev.textback.dispatch.web.Problem;
import dev.textback.dispatch.web.ProblemException;
import dev.textback.texts.events.TextStatus;

/**
 * Reads Vonage Messages API webhooks (JSON with nested objects, unlike the SMS API's flat fields)
 * into the same receipts and inbound messages the SMS API webhooks produce.
 */
public final class MessagesWebhooks {
    /** Messages API statuses that are final, and what they mean for a text; others are intermediate. */
    static final Map<String, TextStatus> FINAL = Map.of("delivered", TextStatus.DELIVERED, "rejected",
            TextStatus.REJECTED, "undeliverable", TextStatus.FAILED, "failed", TextStatus.FAILED);
    static final List<String> INTERMEDIATE = List.of("submitted", "read", "accepted");

    private MessagesWebhooks() {
    }

    public static JsonNode object(ObjectMapper mapper, byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : mapper.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (java.io.IOException malformed) {
            // below
        }
        throw new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                "The request body must be a JSON object."));
    }

    /** A message status webhook; null status in the result means intermediate (submitted, read). */
    public static DeliveryReceipt status(JsonNode n) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String uuid = text(n, "message_uuid", errors);
        String raw = text(n, "status", errors);
        String status = raw == null ? null : raw.toLowerCase(Locale.ROOT);
        if (status != null && !FINAL.containsKey(status) && !INTERMEDIATE.contains(status)) {
            errors.add(new Problem.FieldError("status", "must be one of submitted, delivered, rejected, "
                    + "undeliverable, read"));
        }
        BigDecimal price = null;
        JsonNode p = n.path("usage").path("price");
        if (!p.isMissingNode() && !p.isNull()) {
            try {
                price = new BigDecimal(p.asText());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("usage.price", "is not a number"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The message status is missing or has invalid fields.", errors);
        }
        String errCode = null;
        JsonNode type = n.path("error").path("type");
        if (type.isTextual()) {
            String t = type.asText();
            errCode = t.substring(Math.max(t.lastIndexOf('#'), t.lastIndexOf('/')) + 1);
        }
        return new DeliveryReceipt(uuid, optional(n, "to"), optional(n, "from"), null, price, status,
                FINAL.get(status), errCode, optional(n, "client_ref"), time(n), null);
    }

    /** An inbound message webhook; null for channels other than SMS (acknowledged, ignored). */
    public static InboundSms inbound(JsonNode n) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String uuid = text(n, "message_uuid", errors);
        String from = text(n, "from", errors);
        String to = text(n, "to", errors);
        String channel = optional(n, "channel");
        String fromE164 = from == null ? null : PhoneNumbers.toE164(from).orElse(null);
        String toE164 = to == null ? null : PhoneNumbers.toE164(to).orElse(null);
        if (channel == null || "sms".equalsIgnoreCase(channel)) {
            if (from != null && fromE164 == null) {
                errors.add(new Problem.FieldError("from", "is not a phone number"));
            }
            if (to != null && toE164 == null) {
                errors.add(new Problem.FieldError("to", "is not a phone number"));
            }
        }
        JsonNode textNode = n.path("text");
        if (!textNode.isMissingNode() && !textNode.isNull() && !textNode.isTextual()) {
            errors.add(new Problem.FieldError("text", "must be a string"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The inbound message is missing or has invalid fields.", errors);
        }
        if (channel != null && !"sms".equalsIgnoreCase(channel)) {
            return null;
        }
        String text = textNode.isTextual() ? textNode.asText() : null;
        return new InboundSms(uuid, fromE164, toE164, text, optional(n, "message_type"), null, time(n));
    }

    private static String text(JsonNode n, String field, List<Problem.FieldError> errors) {
        JsonNode v = n.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
            return null;
        }
        return v.asText().strip();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private static Instant time(JsonNode n) {
        String s = optional(n, "timestamp");
        try {
            return s == null ? null : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
