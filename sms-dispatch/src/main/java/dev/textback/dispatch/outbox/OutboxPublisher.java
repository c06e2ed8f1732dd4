package dev.textback.dispatch.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.textback.texts.events.TextTopic;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Publishes outbox rows to the texts topic in id order and deletes them once the broker
 * acknowledged (acks=all), all in one transaction. A crash between publish and delete republishes:
 * consumers dedupe by event id.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OutboxRepository repository;
    @Inject
    @Channel("texts")
    MutinyEmitter<String> texts;

    /** Publishes one batch; returns how many rows went out. */
    @Transactional
    public int publishBatch(int batchSize) {
        List<OutboxMessage> rows = repository.lockOldest(batchSize);
        for (OutboxMessage row : rows) {
            texts.sendMessage(toMessage(row)).await().atMost(ACK_TIMEOUT);
        }
        if (!rows.isEmpty()) {
            repository.delete("id in ?1", rows.stream().map(r -> r.id).toList());
        }
        return rows.size();
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
