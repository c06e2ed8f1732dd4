package dev.textback.crm.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.connector.ConnectorEntity;
import dev.textback.crm.connector.CrmConnector;
import dev.textback.crm.connector.DeliveryFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers queued CRM updates on its own thread, so the Kafka consumers only ever insert rows.
 * A batch is claimed by pushing {@code next_attempt_at} forward by a lease ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas share the work), then each row is delivered outside any transaction and its
 * outcome recorded: DELIVERED, or back to PENDING after an exponential backoff, or FAILED once the
 * attempts are used up (or the failure is permanent). FAILED rows stay visible through the API and
 * can be retried by hand. A crash during a delivery lets the lease expire and the row is tried again.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    @Inject
    EntityManager em;
    @Inject
    Instance<CrmConnector> connectorBeans;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "crm.delivery.batch-size", defaultValue = "20")
    int batchSize;
    @ConfigProperty(name = "crm.delivery.lease", defaultValue = "2m")
    Duration lease;
    @ConfigProperty(name = "crm.delivery.backoff-base", defaultValue = "10s")
    Duration backoffBase;
    @ConfigProperty(name = "crm.delivery.backoff-max", defaultValue = "1h")
    Duration backoffMax;
    @ConfigProperty(name = "crm.delivery.max-attempts", defaultValue = "12")
    int maxAttempts;
    @ConfigProperty(name = "crm.delivery.retention", defaultValue = "7d")
    Duration retention;

    private final AtomicBoolean busy = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "crm-delivery");
        t.setDaemon(true);
        return t;
    });

    record Claimed(long id, String businessId, String connector, String key, String payload, int attempts) {
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Scheduled(every = "${crm.delivery.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (worker.isShutdown() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            busy.set(false);
        }
    }

    /** Delivered rows are only history: kept for {@code crm.delivery.retention}, then removed. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeDelivered() {
        try {
            int removed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "delete from crm_delivery where status = 'DELIVERED' and delivered_at < :before")
                    .setParameter("before", Instant.now().minus(retention))
                    .executeUpdate());
            if (removed > 0) {
                LOG.infof("removed %d delivered CRM updates older than %s", removed, retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not purge delivered CRM updates, will retry");
        }
    }

    void drain() {
        try {
            Map<String, CrmConnector> connectors = connectorBeans.stream()
                    .collect(Collectors.toMap(CrmConnector::name, Function.identity()));
            Backoff backoff = new Backoff(backoffBase, backoffMax, maxAttempts);
            List<Claimed> batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::claim);
                for (Claimed c : batch) {
                    deliverOne(c, connectors.get(c.connector()), backoff);
                }
            } while (batch.size() >= batchSize && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.warnf(e, "delivery worker pass failed, will retry");
        } finally {
            busy.set(false);
        }
    }

    List<Claimed> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                update crm_delivery set next_attempt_at = :leaseUntil
                 where id in (select id from crm_delivery
                               where status = 'PENDING' and next_attempt_at <= :now
                               order by id limit :n for update skip locked)
                returning id, business_id, connector, dedupe_key, payload, attempts
                """)
                .setParameter("leaseUntil", Instant.now().plus(lease))
                .setParameter("now", Instant.now())
                .setParameter("n", batchSize)
                .getResultList();
        return rows.stream()
                .map(r -> new Claimed(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], ((Number) r[5]).intValue()))
                .sorted(java.util.Comparator.comparingLong(Claimed::id))
                .toList();
    }

    private void deliverOne(Claimed c, CrmConnector connector, Backoff backoff) {
        String error = null;
        boolean permanent = false;
        try {
            ConnectorEntity settings = QuarkusTransaction.requiringNew().call(() -> settings(c));
            if (connector == null) {
                error = "no connector named " + c.connector();
                permanent = true;
            } else if (settings == null || !settings.enabled) {
                error = "connector " + c.connector() + " is not enabled for this business";
                permanent = true;
            } else {
                connector.deliver(c.key(), json.readValue(c.payload(), CrmUpdate.class), settings.settings());
            }
        } catch (DeliveryFailure f) {
            error = f.getMessage();
            permanent = f.permanent();
        } catch (Exception e) {
            error = e.toString();
        }
        int attempts = c.attempts() + 1;
        String outcome;
        if (error == null) {
            outcome = DeliveryEntity.DELIVERED;
        } else if (permanent || backoff.exhausted(attempts)) {
            outcome = DeliveryEntity.FAILED;
        } else {
            outcome = DeliveryEntity.PENDING;
        }
        String lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        Instant next = Instant.now().plus(error == null ? Duration.ZERO : backoff.after(attempts));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update crm_delivery set status = :status, attempts = :attempts, last_error = :error,
                       next_attempt_at = :next, delivered_at = case when :status = 'DELIVERED' then now() end
                 where id = :id
                """)
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("status", outcome)
                .setParameter("attempts", attempts)
                .setParameter("error", lastError, String.class)
                .setParameter("next", next)
                .setParameter("id", c.id())
                .executeUpdate());
        meters.counter("textback.crm.deliveries", "connector", c.connector(), "outcome", outcome).increment();
        if (error != null) {
            LOG.infof("delivery %d to %s (attempt %d) -> %s: %s", c.id(), c.connector(), attempts, outcome, error);
        }
    }

    private ConnectorEntity settings(Claimed c) {
        ConnectorEntity.Key key = new ConnectorEntity.Key();
        key.businessId = c.businessId();
        key.connector = c.connector();
        ConnectorEntity e = em.find(ConnectorEntity.class, key);
        if (e != null) {
            em.detach(e);
        }
        return e;
    }
}
