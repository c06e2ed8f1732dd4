package dev.textback.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.phone.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends due texts on a dedicated thread: claims a batch (committed as SENDING with a lease), submits
 * the texts in parallel outside any transaction and records each outcome in a new transaction. A
 * crash between submit and record leaves the row SENDING until its lease expires and it becomes
 * UNKNOWN.
 * <p>
 * The thread waits on {@link SenderSignal}, which the transaction that queues a text signals right
 * after it commits, so a new text leaves within milliseconds; the timed wait (poll-interval) is the
 * safety net for texts that became due later (deferrals, retries, follow-ups) or other instances.
 * Quarkus' scheduler cannot tick under a second, hence no {@code @Scheduled} here.
 */
@ApplicationScoped
public class Sender {
    private static final Logger LOG = Logger.getLogger(Sender.class);

    private volatile boolean stopping;
    private Thread loop;
    private ExecutorService workers;

    @Inject
    SendingStore store;
    @Inject
    VonageSmsGateway smsApi;
    @Inject
    VonageMessagesGateway messagesApi;
    @Inject
    SenderSignal signal;
    @Inject
    SenderRateLimiter rateLimiter;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "textback.vonage.api", defaultValue = "sms")
    String api;
    @ConfigProperty(name = "textback.sending.poll-interval", defaultValue = "0.25s")
    Duration pollInterval;
    @ConfigProperty(name = "textback.sending.batch-size", defaultValue = "20")
    int batchSize;
    @ConfigProperty(name = "textback.sending.concurrency", defaultValue = "8")
    int concurrency;
    @ConfigProperty(name = "textback.sending.lease", defaultValue = "60s")
    Duration lease;
    @ConfigProperty(name = "textback.sending.max-attempts", defaultValue = "5")
    int maxAttempts;
    @ConfigProperty(name = "textback.sending.backoff-base", defaultValue = "2s")
    Duration backoffBase;
    @ConfigProperty(name = "textback.sending.backoff-max", defaultValue = "5m")
    Duration backoffMax;

    private SendPolicy policy;
    private SmsGateway gateway;

    @PostConstruct
    void init() {
        policy = new SendPolicy(maxAttempts, backoffBase, backoffMax);
        gateway = switch (api.strip().toLowerCase()) {
            case "sms" -> smsApi;
            case "messages" -> messagesApi;
            default -> throw new IllegalStateException("textback.vonage.api must be sms or messages, not " + api);
        };
    }

    void onStart(@Observes StartupEvent event) {
        workers = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "text-sender-worker");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "text-sender");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        while (!stopping) {
            try {
                if (!sendBatch()) {
                    signal.await(pollInterval);
                }
            } catch (RuntimeException e) {
                LOG.warnf("sending paused: %s", e.toString());
                signal.await(Duration.ofSeconds(1));
            }
        }
    }

    /** Sends one batch of due texts; false when none were due. */
    boolean sendBatch() {
        List<ClaimedText> batch = store.claimDue(batchSize);
        if (batch.isEmpty()) {
            return false;
        }
        List<Future<?>> running = new ArrayList<>(batch.size());
        for (ClaimedText text : batch) {
            running.add(workers.submit(() -> send(text)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf("sending a text failed: %s", e.getCause().toString());
            }
        }
        return true;
    }

    private void send(ClaimedText text) {
        long maxWait = TimeUnit.SECONDS.toNanos(1);
        long waitNanos = rateLimiter.reserve(text.request().from(), maxWait);
        if (waitNanos > 0) {
            if (waitNanos > maxWait) {
                // this number's throughput is used up for a while: give the text back, it is not an attempt
                store.postpone(text.id(), Instant.now().plusNanos(waitNanos));
                meters.counter("textback.texts.rate-limited").increment();
                return;
            }
            sleepNanos(waitNanos);
        }
        // the last commit before the request leaves: a crash after it leaves the outcome unknown
        if (!store.markSubmitting(text.id())) {
            return; // the lease expired (a long rate-limit wait); the row is no longer ours to send
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

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true; // let a running batch end before the database goes away
        signal.wake();
        if (loop != null) {
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdown();
        }
    }
}
