package dev.textback.ingest.vonage;

import java.time.Instant;

import dev.textback.ingest.webhook.InvalidWebhook;
import dev.textback.ingest.webhook.WebhookFields;

/**
 * The fields of a Vonage Voice event that matter here, from a JSON body or a query string (Vonage
 * sends either, by the application's event method). Real payloads carry string-typed numbers
 * ({@code "duration": "0"}), null {@code start_time} on early statuses and an extra {@code headers}
 * object; all of that is tolerated.
 */
public record VonageVoiceEvent(String uuid, String conversationUuid, String status, String detail, String from,
        String to, Instant startTime, Instant endTime, Instant timestamp, Integer durationSeconds) {

    public static VonageVoiceEvent from(WebhookFields f) {
        String uuid = f.text("uuid") == null ? null : f.callId("uuid");
        String conversation = f.text("conversation_uuid") == null ? null : f.callId("conversation_uuid");
        if (uuid == null && conversation == null) {
            throw new InvalidWebhook("uuid", "is required");
        }
        return new VonageVoiceEvent(uuid, conversation, f.required("status"), f.text("detail"), f.text("from"),
                f.text("to"), f.instant("start_time"), f.instant("end_time"), f.instant("timestamp"),
                f.seconds("duration"));
    }

    /** The provider's id for this call: the leg's uuid, else the conversation's. */
    public String callId() {
        return uuid != null ? uuid : conversationUuid;
    }

    /** When the call ended: end_time, else the event's timestamp (null: the recorder uses now). */
    public Instant endedAt() {
        return endTime != null ? endTime : timestamp;
    }
}
