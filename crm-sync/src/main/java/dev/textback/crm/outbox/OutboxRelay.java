package dev.textback.crm.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.CrmTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox rows in id order and deletes them once the broker acknowledged them (acks=all),
 * in the same transaction that locked them. A crash between publish and delete publishes again: the
 * deterministic event ids let consumers absorb that. {@code SKIP LOCKED} lets several replicas run
 * the relay without publishing the same row at the same time.
 * <p>
 * It runs right after each commit that wrote outbox rows, and every second as a safety net (the
 * simple scheduler does not run sub-second intervals).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EntityManager em;

    @Inject
    @Channel("businesses")
    MutinyEmitter<String> businesses;

    @Inject
    @Channel("crm")
    MutinyEmitter<String> crm;

    @ConfigProperty(name = "crm.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "crm.outbox.publish-timeout", defaultValue = "10s")
    Duration publishTimeout;

    private volatile long lastFailureLog;
    private final ArrayBlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
    /**
     * One relay thread per instance: publishing stays in outbox order, and a burst of commits
     * collapses into a single wake-up. Created with the bean (on first use), not at startup, so the
     * emitters are only injected once Reactive Messaging has wired its channels.
     */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Right after a transaction that wrote outbox rows commits: publish now rather than on the next tick. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake();
    }

    /** Safety net for rows whose wake-up was lost (a crash, another replica's rows, a failed publish). */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        wake();
    }

    void wake() {
        if (worker.isShutdown()) {
            return;
        }
        if (wakeUps.offer(Boolean.TRUE)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                wakeUps.clear();
            }
        }
    }

    private void drain() {
        wakeUps.clear(); // wake-ups from now on schedule another drain
        try {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (published >= batchSize);
        } catch (RuntimeException e) {
            // Rows stay in the outbox and are retried on the next tick; log at most every 10 s.
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 10_000) {
                lastFailureLog = now;
                LOG.warnf(e, "outbox relay could not publish, will retry");
            }
        }
    }

    /** Publishes one batch and returns how many rows it published (and deleted). */
    int publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select id, topic, msg_key, event_id, event_type, subject, payload, created_at from outbox"
                        + " order by id limit :limit for update skip locked")
                .setParameter("limit", batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> sends = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(((Number) row[0]).longValue());
            String topic = (String) row[1];
            Message<String> message = message((String) row[2], (String) row[3], (String) row[4], (String) row[5],
                    (String) row[6], toInstant(row[7]), source(topic));
            sends.add(emitterFor(topic).sendMessage(message));
        }
        // Subscribed in list order, so records keep their outbox order on each partition.
        Uni.join().all(sends).andFailFast().await().atMost(publishTimeout);
        em.createNativeQuery("delete from outbox where id in (:ids)").setParameter("ids", ids).executeUpdate();
        return rows.size();
    }

    static Message<String> message(String key, String eventId, String type, String subject, String payload,
            Instant createdAt, String source) {
        var ce = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType(type)
                .withSource(URI.create(source))
                .withTimestamp(ZonedDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        if (subject != null) {
            ce.withSubject(subject);
        }
        if (payload != null) {
            ce.withDataContentType("application/json");
        }
        // A null payload is a tombstone: the record's value is null, the key says which business is gone.
        return Message.of(payload)
                .addMetadata(ce.build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }

    private MutinyEmitter<String> emitterFor(String topic) {
        return switch (topic) {
            case BusinessTopic.NAME -> businesses;
            case CrmTopic.NAME -> crm;
            default -> throw new IllegalStateException("no channel for topic " + topic);
        };
    }

    private static String source(String topic) {
        return BusinessTopic.NAME.equals(topic) ? BusinessTopic.SOURCE : CrmTopic.SOURCE;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.now();
    }
}
