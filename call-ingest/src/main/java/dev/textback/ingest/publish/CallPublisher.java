package dev.textback.ingest.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Writes CallEnded to the calls topic and returns only once the broker has acknowledged it
 * (acks=all), so a webhook's 2xx means the call is durably recorded.
 */
@ApplicationScoped
public class CallPublisher {
    private final MutinyEmitter<String> calls;
    private final ObjectMapper mapper;
    private final Duration timeout;

    // A burst of webhooks waits in the emitter's buffer while the producer batches; past it the
    // webhook gets 503 at once instead of queueing without bound.
    CallPublisher(@Channel("calls") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> calls, ObjectMapper mapper,
            @ConfigProperty(name = "textback.publish.timeout") Duration timeout) {
        this.calls = calls;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    /** The same provider call always gives the same event id, so retried webhooks are absorbed downstream. */
    public static String eventId(CallEnded call) {
        return UUID.nameUUIDFromBytes(("call-ended:" + call.provider() + ":" + call.callId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Completes with the event id once the broker acknowledged the write (acks=all), or fails with
     * {@link PublishFailedException} when it did not within the timeout: never blocks a thread, so
     * the webhook resources can run on the event loop.
     */
    public Uni<String> publish(CallEnded call) {
        String id = eventId(call);
        String json;
        try {
            json = mapper.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CallEnded must serialize", e);
        }
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(id)
                        .withType(CallTopic.CALL_ENDED)
                        .withSource(URI.create(CallTopic.SOURCE))
                        .withSubject(call.businessId())
                        .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(CallTopic.key(call.businessId(), call.caller()))
                        .build());
        Uni<Void> sent;
        try {
            sent = calls.sendMessage(message);
        } catch (RuntimeException e) {
            // the emitter refuses at once when its buffer is full or the channel is down
            return Uni.createFrom().failure(new PublishFailedException("calls channel refused " + id, e));
        }
        return sent
                .ifNoItem().after(timeout).failWith(() -> new PublishFailedException(
                        "calls topic did not acknowledge " + id + " within " + timeout, null))
                .onFailure(e -> !(e instanceof PublishFailedException))
                .transform(e -> new PublishFailedException("calls topic refused " + id, e))
                .replaceWith(id);
    }
}
