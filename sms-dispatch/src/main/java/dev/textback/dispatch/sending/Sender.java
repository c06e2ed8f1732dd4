package dev.textback.dispatch.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.clock.DispatchClock;
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
 * transaction. At most {@code 2 x concurrency} texts are claimed and not yet recorded, so no
 * claimed text waits long for a worker (its lease keeps running) and the workers never idle while
 * texts are due: the next claim does not wait for the slowest text of the previous one. Outcomes are
 * recorded by one recorder thread, each group of outcomes waiting at that moment in one transaction
 * (group commit: a transaction per text cost more than the text's own changes); when a group fails,
 * its outcomes are recorded one transaction each. A crash between submit and record leaves the row
 * SENDING until its lease expires and it becomes UNKNOWN.
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
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private Thread recorder;
    private volatile boolean recorderStopping;

    /** A submission's outcome, waiting for the recorder. */
    private record Outcome(UUID id, SendDecision decision) {
    }

    @Inject
    DispatchClock clock;
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
        recorder = new Thread(this::recordLoop, "text-sender-recorder");
        recorder.setDaemon(true);
        recorder.start();
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
                SendDecision decision = null;
                try {
                    decision = send(text);
                } catch (RuntimeException e) {
                    // the row stays SENDING; its lease decides (PENDING again if never submitted, else UNKNOWN)
                    LOG.warnf("sending text %s failed: %s", text.id(), e.toString());
                } finally {
                    if (decision != null) {
                        outcomes.add(new Outcome(text.id(), decision)); // the recorder frees the slot
                    } else {
                        slots.release();
                    }
                }
            });
        }
        // fewer than asked for: nothing else is due right now, wait for a signal or the next poll
        return batch.size() < want ? 0 : batch.size();
    }

    /** Submits one claimed text; returns the outcome to record, or null when it was not submitted. */
    private SendDecision send(ClaimedText text) {
        long maxWait = TimeUnit.SECONDS.toNanos(1);
        long waitNanos = rateLimiter.reserve(text.request().from(), maxWait);
        if (waitNanos > 0) {
            if (waitNanos > maxWait) {
                // this number's throughput is used up for a while: give the text back, it is not an attempt
                store.postpone(text.id(), clock.now().plusNanos(waitNanos));
                meters.counter("textback.texts.rate-limited").increment();
                return null;
            }
            sleepNanos(waitNanos);
        }
        // the last commit before the request leaves: a crash after it leaves the outcome unknown
        if (!store.markSubmitting(text.id())) {
            return null; // the lease expired (a long rate-limit wait); the row is no longer ours to send
        }
        SendResult result = gateway.send(text.request());
        SendDecision decision = policy.decide(result, text.attempts(), clock.now());
        meters.counter("textback.texts.submissions", "outcome", decision.getClass().getSimpleName().toLowerCase())
                .increment();
        if (!(decision instanceof SendDecision.Sent)) {
            LOG.infof("text %s to %s: %s after %s", text.id(), PhoneNumbers.mask(text.request().to()), decision, result);
        }
        return decision;
    }

    /** Records the outcomes waiting, a group at a time, until the sender stops and none are left. */
    private void recordLoop() {
        List<Outcome> group = new ArrayList<>();
        while (true) {
            Outcome first;
            try {
                first = outcomes.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (recorderStopping) {
                    return;
                }
                continue;
            }
            group.clear();
            group.add(first);
            outcomes.drainTo(group, Math.max(1, batchSize) - 1);
            recordGroup(group);
        }
    }

    private void recordGroup(List<Outcome> group) {
        try {
            Map<UUID, SendDecision> decisions = new LinkedHashMap<>();
            group.forEach(o -> decisions.put(o.id(), o.decision()));
            store.recordAll(decisions);
        } catch (RuntimeException groupFailed) {
            // one bad row (or a deadlock) must not cost the others their outcome: one transaction each
            LOG.infof("recording %d outcomes together failed (%s); recording them one by one", group.size(),
                    groupFailed.toString());
            for (Outcome o : group) {
                try {
                    store.record(o.id(), o.decision());
                } catch (RuntimeException e) {
                    // the row stays SENDING with its submission started: the lease makes it UNKNOWN, never resent blindly
                    LOG.warnf("recording the outcome of text %s failed: %s", o.id(), e.toString());
                }
            }
        } finally {
            slots.release(group.size());
        }
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
            recorderStopping = true; // records what the workers handed over, then ends
            if (recorder != null) {
                recorder.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
