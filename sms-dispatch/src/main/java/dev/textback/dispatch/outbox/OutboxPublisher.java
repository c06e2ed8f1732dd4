package dev.textback.dispatch.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.textback.texts.events.TextTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Publishes outbox rows to the texts topic in id order and deletes them once the broker
 * acknowledged (acks=all), all in one transaction. The whole batch is handed to the producer first
 * and the acknowledgements awaited together: awaiting each one before sending the next made every
 * event cost a broker round trip. Order per key still holds: the idempotent producer keeps the send
 * order within a partition. Any failure rolls the transaction back and the whole batch is published
 * again; a crash between publish and delete republishes too: consumers dedupe by event id.
 * <p>
 * The sends are started with the transaction cleared from the thread: context propagation would
 * otherwise run the acknowledgement callbacks inside this transaction, on the producer's thread, and
 * the commit could find that thread still associated with it (Narayana then rolls the commit back:
 * "commit invoked while multiple threads active").
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private ThreadContext noTransaction;

    @Inject
    OutboxRepository repository;
    /** The largest batch: the emitter must hold a whole batch handed over at once (its default buffer is 128). */
    public static final int MAX_BATCH = 1024;

    @Inject
    @Channel("texts")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = MAX_BATCH)
    MutinyEmitter<String> texts;

    @PostConstruct
    void init() {
        noTransaction = ThreadContext.builder().propagated().cleared(ThreadContext.TRANSACTION)
                .unchanged(ThreadContext.ALL_REMAINING).build();
    }

    /** Publishes one batch of at most {@link #MAX_BATCH} rows; returns how many rows went out. */
    @Transactional
    public int publishBatch(int batchSize) {
        List<OutboxMessage> rows = repository.lockOldest(Math.max(1, Math.min(batchSize, MAX_BATCH)));
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxMessage row : rows) {
            Message<String> message = toMessage(row);
            acks.add(noTransaction.contextualSupplier(() -> texts.sendMessage(message).subscribeAsCompletionStage())
                    .get());
        }
        awaitAll(acks);
        if (!rows.isEmpty()) {
            repository.delete("id in ?1", rows.stream().map(r -> r.id).toList());
        }
        return rows.size();
    }

    private static void awaitAll(List<CompletableFuture<Void>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused an event: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from the broker within " + ACK_TIMEOUT, e);
        }
    }

    private static Message<String> toMessage(OutboxMessage row) {
        if (!TextTopic.NAME.equals(row.topic)) {
            throw new IllegalStateException("outbox row " + row.id + " is for an unknown topic " + row.topic);
        }
        return Message.of(row.payload)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.eventId)
                        .withType(row.eventType)
                        .withSource(URI.create(TextTopic.SOURCE))
                        .withSubject(row.subject)
                        .withTimestamp(row.createdAt.atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key).build());
    }
}
