package dev.textback.ingest.twilio;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.ingest.call.CallRecorder;
import dev.textback.ingest.call.IncomingCall;
import dev.textback.ingest.classify.Classification;
import dev.textback.ingest.signature.TwilioSignature;
import dev.textback.ingest.webhook.InvalidWebhook;
import dev.textback.ingest.webhook.WebhookFields;
import dev.textback.ingest.webhook.WebhookResponses;
import io.smallrye.mutiny.Uni;

/**
 * Twilio Voice status callback (form-encoded POST). {@code DialCallStatus}, present when the callback
 * is the action of a {@code <Dial>} that forwarded the call, decides over the parent's
 * {@code CallStatus}: the parent leg was answered by TwiML whether or not anybody picked up.
 */
@Path("/webhooks/twilio/voice/status")
@Produces(MediaType.APPLICATION_JSON)
public class TwilioStatusResource {
    private static final String PROVIDER = "twilio";

    private final CallRecorder recorder;
    private final TwilioSignature signature;
    private final Optional<URI> publicUrl;

    TwilioStatusResource(CallRecorder recorder, TwilioSignature signature,
            @ConfigProperty(name = "textback.public-url") Optional<URI> publicUrl) {
        this.recorder = recorder;
        this.signature = signature;
        this.publicUrl = publicUrl;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> onStatus(MultivaluedMap<String, String> form,
            @HeaderParam("X-Twilio-Signature") String signatureHeader, @Context UriInfo uri) {
        String replayKey = signature.verify(signatureHeader, signedUrl(uri), form);
        WebhookFields f = WebhookFields.of(form);
        String dialStatus = f.text("DialCallStatus");
        String status = dialStatus != null ? dialStatus : f.required("CallStatus");
        Integer duration = dialStatus != null ? f.seconds("DialCallDuration") : f.seconds("CallDuration");
        Classification c = TwilioCallStatus.classify(status, f.text("AnsweredBy"), duration);
        Instant at = timestamp(f);
        IncomingCall call = new IncomingCall(PROVIDER, f.callId("CallSid"), f.text("From"), f.required("To"), c,
                null, at, duration, null);
        return recorder.record(call).map(r -> {
            signature.accepted(replayKey);
            return WebhookResponses.of(r);
        });
    }

    /**
     * Twilio signs the URL it requested. Behind a proxy or ingress that is the public URL, not ours:
     * {@code textback.public-url} gives its scheme, host and base path.
     */
    private String signedUrl(UriInfo uri) {
        URI requested = uri.getRequestUri();
        if (publicUrl.isEmpty()) {
            return requested.toString();
        }
        String base = publicUrl.get().toString().replaceAll("/+$", "");
        String rawQuery = requested.getRawQuery();
        return base + requested.getRawPath() + (rawQuery == null ? "" : "?" + rawQuery);
    }

    private static Instant timestamp(WebhookFields f) {
        String stamp = f.text("Timestamp");
        if (stamp == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(stamp, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            throw new InvalidWebhook("Timestamp", "expected an RFC 1123 date");
        }
    }

}
