package dev.textback.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import io.smallrye.mutiny.Uni;

/**
 * Writes CallEnded to the calls topic as a binary-mode CloudEvent (the {@code ce_*} headers the
 * consumers' Reactive Messaging reads) and completes only once the broker has acknowledged it
 * (acks=all), so a webhook's 2xx means the call is durably recorded.
 */
@ApplicationScoped
public class CallPublisher {
    private static final byte[] SPEC_VERSION = bytes("1.0");
    private static final byte[] TYPE = bytes(CallTopic.CALL_ENDED);
    private static final byte[] SOURCE = bytes(CallTopic.SOURCE);
    private static final byte[] JSON = bytes("application/json");

    private final CallsProducer producer;
    private final ObjectWriter writer;
    private final long timeoutMillis;

    CallPublisher(CallsProducer producer, ObjectMapper mapper,
            @ConfigProperty(name = "textback.publish.timeout") Duration timeout) {
        this.producer = producer;
        this.writer = mapper.writerFor(CallEnded.class);
        this.timeoutMillis = timeout.toMillis();
    }

    /** The same provider call always gives the same event id, so retried webhooks are absorbed downstream. */
    public static String eventId(CallEnded call) {
        return UUID.nameUUIDFromBytes(("call-ended:" + call.provider() + ":" + call.callId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Completes with the event id once the broker acknowledged the write (acks=all), or fails with
     * {@link PublishFailedException} when the broker or the client refused it (buffer full, metadata
     * unknown) or it was not acknowledged within the timeout: never blocks a thread, so the webhook resources run on the event loop.
     */
    public Uni<String> publish(CallEnded call) {
        String id = eventId(call);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(CallTopic.NAME, null,
                CallTopic.key(call.businessId(), call.caller()), serialize(call), headers(id, call.businessId()));
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(id);
                } else {
                    acknowledged.completeExceptionally(new PublishFailedException("calls topic refused " + id, error));
                }
            });
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(new PublishFailedException("calls producer refused " + id, e));
        }
        // The client gives up by itself (delivery.timeout.ms); this deadline is the webhook's promise
        // to answer inside the provider's patience either way.
        acknowledged.completeOnTimeout(null, timeoutMillis, TimeUnit.MILLISECONDS);
        return Uni.createFrom().completionStage(acknowledged).onItem().ifNull().failWith(() -> new PublishFailedException(
                "calls topic did not acknowledge " + id + " within " + timeoutMillis + " ms", null));
    }

    private byte[] serialize(CallEnded call) {
        try {
            return writer.writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CallEnded must serialize", e);
        }
    }

    private static Headers headers(String id, String subject) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", bytes(id));
        headers.add("ce_type", TYPE);
        headers.add("ce_source", SOURCE);
        headers.add("ce_subject", bytes(subject));
        headers.add("ce_time", bytes(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC))));
        headers.add("content-type", JSON);
        return headers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
