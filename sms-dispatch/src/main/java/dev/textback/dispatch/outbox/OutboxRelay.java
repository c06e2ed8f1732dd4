package dev.textback.dispatch.outbox;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.poll.PollLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Drains the outbox every poll-interval (0.2 s); one run at a time per instance. */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private volatile boolean stopping;

    @Inject
    OutboxPublisher publisher;
    @ConfigProperty(name = "textback.outbox.poll-interval", defaultValue = "0.2s")
    Duration pollInterval;
    @ConfigProperty(name = "textback.outbox.batch-size", defaultValue = "200")
    int batchSize;

    /** Fires once a second (the scheduler's finest grain) and polls every poll-interval inside. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            PollLoop.run(TICK, pollInterval, () -> !stopping, () -> publisher.publishBatch(batchSize) > 0);
        } catch (RuntimeException e) {
            // Kafka or the database is away: the rows stay and the next run retries them.
            LOG.warnf("outbox relay paused: %s", e.toString());
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (batchSize > OutboxPublisher.MAX_BATCH || batchSize < 1) {
            LOG.warnf("textback.outbox.batch-size=%d is outside 1..%d; it is taken as the nearest bound",
                    batchSize, OutboxPublisher.MAX_BATCH);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // let a running poll loop end before the database goes away
    }
}
