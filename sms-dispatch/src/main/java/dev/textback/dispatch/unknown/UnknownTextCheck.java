package dev.textback.dispatch.unknown;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.SendingStore;
import dev.textback.dispatch.sending.UnknownText;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Settles texts left UNKNOWN without a delivery receipt by asking the provider's own records
 * (Vonage Reports API) whether it received them. Texts become UNKNOWN when the sender died after
 * committing "submission started" or the answer never came; most get a receipt within seconds. One
 * that still has none {@code after} its submission started is looked up by recipient and
 * {@code client-ref}: held -> SENT; not held (or held as rejected) -> the text never went out, so it
 * is sent again. Without this, a sender killed between that commit and the request left the caller
 * without a text, for good.
 * <p>
 * The resend is safe only when a record shows up in the Reports API sooner than {@code after}; that
 * delay is the provider's, so {@code after} is configurable (docs/reliability.md). Texts older than
 * 23 hours are left UNKNOWN: the synchronous records API answers windows of at most 24 hours. Only
 * for the SMS API: the Messages API's records are not looked up (its texts stay UNKNOWN, as before).
 */
@ApplicationScoped
public class UnknownTextCheck {
    private static final Logger LOG = Logger.getLogger(UnknownTextCheck.class);
    /** Records are searched from a little before the submission started: the two clocks differ. */
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final Duration MAX_AGE = Duration.ofHours(23);
    private static final int BATCH = 50;
    private static final int MAX_FAILURES_IN_A_ROW = 3;

    @Inject
    DispatchClock clock;
    @Inject
    OutboundTextRepository texts;
    @Inject
    SendingStore store;
    @Inject
    ProviderRecords records;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "textback.unknown-check.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "textback.unknown-check.after", defaultValue = "15m")
    Duration after;
    @ConfigProperty(name = "textback.vonage.api", defaultValue = "sms")
    String api;

    @Scheduled(every = "${textback.unknown-check.interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!enabled || !"sms".equalsIgnoreCase(api.strip())) {
            return;
        }
        try {
            checkDue();
        } catch (RuntimeException e) {
            LOG.warnf("unknown-text check paused: %s", e.toString());
        }
    }

    /** Checks the UNKNOWN texts that are due; returns how many were settled (SENT or due again). */
    int checkDue() {
        Instant now = clock.now();
        List<UnknownText> due = texts.unknownSubmittedBetween(now.minus(MAX_AGE), now.minus(after), BATCH);
        int settled = 0;
        int failuresInARow = 0;
        for (UnknownText t : due) {
            List<ProviderRecords.Received> received;
            try {
                received = records.receivedFor(t.recipient(), t.submitStartedAt().minus(MARGIN), now);
                failuresInARow = 0;
            } catch (ProviderRecords.Unavailable e) {
                // nothing is decided without the provider's word; the next round asks again
                meters.counter("textback.texts.unknown-checks", "outcome", "unavailable").increment();
                LOG.warnf("text %s stays unknown for now: %s", t.id(), e.getMessage());
                if (++failuresInARow == MAX_FAILURES_IN_A_ROW) {
                    return settled; // the records API is down, not just this lookup: spare it the rest
                }
                continue;
            }
            Optional<ProviderRecords.Received> held = heldFor(t, received);
            boolean changed = held.isPresent()
                    ? store.confirmTaken(t, held.get().messageId(), held.get().price())
                    : store.resendNeverReceived(t);
            if (changed) {
                settled++;
                meters.counter("textback.texts.unknown-checks", "outcome", held.isPresent() ? "held" : "resent")
                        .increment();
            }
        }
        return settled;
    }

    /**
     * The provider's record of this text taking it: its client-ref is the text's id. A record the
     * provider itself rejected (throttled, refused) took nothing: the text never went out, like one
     * never received.
     */
    static Optional<ProviderRecords.Received> heldFor(UnknownText t, List<ProviderRecords.Received> received) {
        String ref = t.id().toString();
        return received.stream().filter(r -> ref.equals(r.clientRef()) && !"rejected".equalsIgnoreCase(r.status()))
                .findFirst();
    }
}
