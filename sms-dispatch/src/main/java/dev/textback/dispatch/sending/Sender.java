package dev.textback.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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
 * Sends due texts as a continuous pipeline: a dedicated thread claims due texts (committed as
 * SENDING with a lease) whenever a worker slot is free, and the workers submit them outside any
 * transaction and record each outcome in a new transaction. At most {@code 2 x concurrency} texts
 * are claimed and not yet recorded, so no claimed text waits long for a worker (its lease keeps
 * running) and the workers never idle while texts are due: the next claim does not wait for the
 * slowest text of the previous one. A crash between submit and record leaves the row SENDING until
 * its lease expires and it becomes UNKNOWN.
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
    /** Texts claimed and not yet recorded may not exceed the permits (2 x concurrency). */
    private Semaphore slots;

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
        slots = new Semaphore(2 * Math.max(1, concurrency));
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
                int claimed = claimAndDispatch();
                if (claimed == 0) {
                    signal.await(pollInterval);
                }
            } catch (RuntimeException e) {
                LOG.warnf("sending paused: %s", e.toString());
                signal.await(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Waits for at least one free slot, claims as many due texts as there are free slots (at most
     * batch-size) and hands them to the workers; returns how many were claimed, 0 when none were due
     * (or no slot freed up within the poll interval).
     */
    int claimAndDispatch() {
        int free;
        try {
            if (!slots.tryAcquire(pollInterval.toNanos(), TimeUnit.NANOSECONDS)) {
                return -1; // all workers busy: not idle, so no wait on the signal
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return -1;
        }
        free = 1 + slots.drainPermits();
        int want = Math.min(free, batchSize);
        slots.release(free - want);
        List<ClaimedText> batch;
        try {
            batch = store.claimDue(want);
        } catch (RuntimeException e) {
            slots.release(want);
            throw e;
        }
        slots.release(want - batch.size());
        for (ClaimedText text : batch) {
            workers.execute(() -> {
                try {
                    send(text);
                } catch (RuntimeException e) {
                    // the row stays SENDING; its lease decides (PENDING again if never submitted, else UNKNOWN)
                    LOG.warnf("sending text %s failed: %s", text.id(), e.toString());
                } finally {
                    slots.release();
                }
            });
        }
        // fewer than asked for: nothing else is due right now, wait for a signal or the next poll
        return batch.size() < want ? 0 : batch.size();
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
        stopping = true; // claim nothing more; let the texts in flight record their outcome before the database goes away
        signal.wake();
        try {
            if (loop != null) {
                loop.join(10_000);
            }
            if (workers != null) {
                workers.shutdown();
                workers.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
