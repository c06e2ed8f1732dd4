package dev.textback.metrics.fold;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Kafka entry points, one channel per topic. Each record is folded on a worker thread (ordered, so one
 * caller's events keep their partition order) and acknowledged only after its transaction committed.
 * A transient failure (deadlock with another channel's upsert, lost connection) is retried a few times;
 * what still fails, or can never succeed (malformed), is nacked, which the dead-letter-queue strategy
 * turns into a record on textback.metrics-service.dlq.v1 so the partition keeps moving.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    @Inject
    LiveFold fold;
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "metrics.fold.attempts", defaultValue = "3")
    int attempts;

    @Incoming("businesses")
    @Blocking
    public CompletionStage<Void> businesses(Message<String> message) {
        if (message.getPayload() == null) {
            String key = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> m.getKey() == null ? null : String.valueOf(m.getKey()))
                    .orElse(null);
            String id = message.getMetadata(IncomingCloudEventMetadata.class)
                    .map(IncomingCloudEventMetadata::getId)
                    .orElse(null);
            return run(message, "business.deleted", () -> fold.businessDeleted(id, key));
        }
        return handle(message);
    }

    @Incoming("calls")
    @Blocking
    public CompletionStage<Void> calls(Message<String> message) {
        return handle(message);
    }

    @Incoming("texts")
    @Blocking
    public CompletionStage<Void> texts(Message<String> message) {
        return handle(message);
    }

    @Incoming("crm")
    @Blocking
    public CompletionStage<Void> crm(Message<String> message) {
        return handle(message);
    }

    @SuppressWarnings("rawtypes")
    private CompletionStage<Void> handle(Message<String> message) {
        Optional<IncomingCloudEventMetadata> ce = message.getMetadata(IncomingCloudEventMetadata.class);
        if (ce.isEmpty() || ce.get().getId() == null || ce.get().getType() == null) {
            LOG.warn("ignoring a record that is not a CloudEvent");
            count("unknown", FoldResult.IGNORED.name());
            return message.ack();
        }
        String id = ce.get().getId();
        String type = ce.get().getType();
        return run(message, type, () -> fold.apply(id, type, message.getPayload()));
    }

    private CompletionStage<Void> run(Message<String> message, String type, java.util.function.Supplier<FoldResult> work) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
            try {
                FoldResult result = work.get();
                count(type, result.name());
                return message.ack();
            } catch (MalformedEventException e) {
                last = e;
                break;
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf(e, "attempt %d to fold %s failed", attempt, type);
                pause(attempt);
            }
        }
        LOG.errorf(last, "could not fold an event of type %s; sending it to the dead-letter topic", type);
        count(type, "FAILED");
        return message.nack(last);
    }

    private void count(String type, String result) {
        registry.counter("textback.metrics.events", "type", type, "result", result.toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
