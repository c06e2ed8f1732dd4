package dev.textback.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.poll.PollLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends due texts: claims a batch (committed as SENDING with a lease), then submits each one
 * outside any transaction and records the outcome in a new transaction. A crash between submit
 * and record leaves the row SENDING until its lease expires and it becomes UNKNOWN.
 */
@ApplicationScoped
public class Sender {
    private static final Logger LOG = Logger.getLogger(Sender.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private volatile boolean stopping;

    @Inject
    SendingStore store;
    @Inject
    SmsGateway gateway;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "textback.sending.poll-interval", defaultValue = "0.25s")
    Duration pollInterval;
    @ConfigProperty(name = "textback.sending.batch-size", defaultValue = "20")
    int batchSize;
    @ConfigProperty(name = "textback.sending.max-attempts", defaultValue = "5")
    int maxAttempts;
    @ConfigProperty(name = "textback.sending.backoff-base", defaultValue = "2s")
    Duration backoffBase;
    @ConfigProperty(name = "textback.sending.backoff-max", defaultValue = "5m")
    Duration backoffMax;

    private SendPolicy policy;

    @PostConstruct
    void init() {
        policy = new SendPolicy(maxAttempts, backoffBase, backoffMax);
    }

    /** Fires once a second (the scheduler's finest grain) and polls every poll-interval inside. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        try {
            PollLoop.run(TICK, pollInterval, () -> !stopping, this::sendBatch);
        } catch (RuntimeException e) {
            LOG.warnf("sending paused: %s", e.toString());
        }
    }

    /** Sends one batch of due texts; false when none were due. */
    boolean sendBatch() {
        List<ClaimedText> batch = store.claimDue(batchSize);
        for (ClaimedText text : batch) {
            send(text);
        }
        return !batch.isEmpty();
    }

    private void send(ClaimedText text) {
        if (!store.renewLease(text.id())) {
            return; // the lease expired while earlier texts of the batch were sent; it is UNKNOWN now
        }
        SendResult result = gateway.send(text.request());
        SendDecision decision = policy.decide(result, text.attempts(), Instant.now());
        meters.counter("textback.texts.submissions", "outcome", decision.getClass().getSimpleName().toLowerCase())
                .increment();
        if (!(decision instanceof SendDecision.Sent)) {
            LOG.infof("text %s to %s: %s after %s", text.id(), PhoneNumbers.mask(text.request().to()), decision, result);
        }
        store.record(text.id(), decision);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // let a running poll loop end before the database goes away
    }
}
