package dev.textback.dispatch.sending;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.textback.dispatch.clock.DispatchClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Wakes the sender thread when a text becomes due now, instead of waiting for its next poll. */
@ApplicationScoped
public class SenderSignal {
    @Inject
    DispatchClock clock;
    private final Semaphore wakeUps = new Semaphore(0);

    /** After (and only after) the transaction that queued the text committed: before, the row is invisible. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) TextQueued queued) {
        if (!queued.dueAt().isAfter(clock.now())) {
            wake();
        }
    }

    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Waits up to {@code max} for a wake-up; several wake-ups while busy count as one. */
    public void await(Duration max) {
        try {
            if (wakeUps.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
