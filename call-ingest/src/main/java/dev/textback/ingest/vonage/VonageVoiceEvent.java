package dev.textback.ingest.vonage;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a Vonage Voice event webhook that matter here, read leniently: Vonage sends numbers
 * as strings ("duration": "0"), nulls on some statuses and extra objects we ignore.
 */
public record VonageVoiceEvent(String uuid, String conversationUuid, String status, String from, String to,
        Instant startTime, Instant endTime, Instant timestamp, Integer durationSeconds) {

    /** Reads the event, or throws {@link IllegalArgumentException} naming the field that is wrong. */
    public static VonageVoiceEvent from(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("body: expected a JSON object");
        }
        return new VonageVoiceEvent(text(json, "uuid"), text(json, "conversation_uuid"), text(json, "status"),
                text(json, "from"), text(json, "to"), instant(json, "start_time"), instant(json, "end_time"),
                instant(json, "timestamp"), duration(json));
    }

    /** The provider's id for this call: the leg's uuid, else the conversation's. */
    public String callId() {
        return uuid != null ? uuid : conversationUuid;
    }

    /** When the call ended: end_time, else the event's timestamp, else now. */
    public Instant endedAt() {
        if (endTime != null) {
            return endTime;
        }
        return timestamp != null ? timestamp : Instant.now();
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        String value = node.asText();
        if (value.length() > 256) {
            throw new IllegalArgumentException(field + ": too long");
        }
        return value;
    }

    private static Instant instant(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": expected an ISO-8601 instant");
        }
    }

    private static Integer duration(JsonNode json) {
        String value = text(json, "duration");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds < 0 || seconds > 86_400 * 7) {
                throw new IllegalArgumentException("duration: out of range");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration: expected whole seconds");
        }
    }
}
