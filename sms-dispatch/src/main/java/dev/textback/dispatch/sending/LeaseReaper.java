package dev.textback.dispatch.sending;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns texts stuck in SENDING past their lease (a sender died mid-send) into UNKNOWN. */
@ApplicationScoped
public class LeaseReaper {
    private static final Logger LOG = Logger.getLogger(LeaseReaper.class);

    @Inject
    SendingStore store;

    @Scheduled(every = "${textback.sending.lease-check-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expire() {
        try {
            while (store.expireLeases(100) == 100) {
                // more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("lease check paused: %s", e.toString());
        }
    }
}
