package dev.textback.ingest.generic;

import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.textback.calls.events.CallOutcome;
import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.call.IncomingCall;
import dev.textback.ingest.classify.Classification;
import dev.textback.ingest.signature.GenericSignature;
import dev.textback.ingest.webhook.InvalidWebhook;
import dev.textback.ingest.webhook.JsonBodies;
import dev.textback.ingest.webhook.WebhookFields;
import dev.textback.ingest.webhook.WebhookResponses;
import io.smallrye.mutiny.Uni;

/**
 * The generic call webhook for any other phone system: one JSON object per ended call
 * ({@code callId, from, to, startedAt, endedAt, outcome[, reason, durationSeconds]}), signed with the
 * business's HMAC secret. The called number must belong to the business in the path, so one
 * business's secret cannot record calls for another.
 */
@Path("/webhooks/generic/{businessId}/calls")
@Produces(MediaType.APPLICATION_JSON)
public class GenericCallResource {
    private static final String PROVIDER = "generic";
    private static final Map<String, CallOutcome> OUTCOMES = Map.of(
            "missed", CallOutcome.MISSED,
            "answered", CallOutcome.ANSWERED,
            "voicemail", CallOutcome.VOICEMAIL);

    private final JsonBodies json;
    private final CallRecorder recorder;
    private final GenericSignature signature;

    GenericCallResource(JsonBodies json, CallRecorder recorder, GenericSignature signature) {
        this.json = json;
        this.recorder = recorder;
        this.signature = signature;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> onCall(@PathParam("businessId") String businessId, byte[] body,
            @HeaderParam("X-Textback-Timestamp") String timestamp,
            @HeaderParam("X-Textback-Signature") String signatureHeader) {
        if (businessId.length() > 128) {
            throw new InvalidWebhook("businessId", "too long");
        }
        String replayKey = signature.verify(businessId, timestamp, signatureHeader, body);
        WebhookFields f = WebhookFields.of(json.read(body));
        String outcomeText = f.required("outcome");
        CallOutcome outcome = OUTCOMES.get(outcomeText.toLowerCase(Locale.ROOT));
        if (outcome == null) {
            throw new InvalidWebhook("outcome", "expected missed, answered or voicemail");
        }
        String reason = f.text("reason");
        var startedAt = f.instant("startedAt");
        var endedAt = f.instant("endedAt");
        if (endedAt == null) {
            throw new InvalidWebhook("endedAt", "is required");
        }
        if (startedAt != null && startedAt.isAfter(endedAt)) {
            throw new InvalidWebhook("startedAt", "is after endedAt");
        }
        Integer duration = f.seconds("durationSeconds");
        if (duration == null && startedAt != null && outcome == CallOutcome.ANSWERED) {
            duration = (int) Math.min(7 * 86_400, endedAt.getEpochSecond() - startedAt.getEpochSecond());
        }
        String why = reason == null ? outcomeText.toLowerCase(Locale.ROOT) : reason.toLowerCase(Locale.ROOT);
        // Phone systems number their calls independently: the business id keeps two systems' "call 42"
        // apart in event ids and lead ids downstream.
        String callId = businessId + ":" + f.callId("callId");
        IncomingCall call = new IncomingCall(PROVIDER, callId, f.text("from"), f.required("to"),
                Classification.ended(outcome, why), startedAt, endedAt, duration, businessId);
        return recorder.record(call).map(r -> {
            signature.accepted(replayKey);
            return WebhookResponses.of(r);
        });
    }
}
