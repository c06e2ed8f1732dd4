package dev.textback.ingest.signature;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers signatures (or token ids) that were already accepted, for as long as they would pass
 * the freshness check, so a captured request cannot be sent again inside the window. A signature
 * is remembered only once its webhook succeeded: a provider retrying after our 503 must get through.
 *
 * <p>Per instance and in memory: a replay that lands on another instance is still absorbed, because
 * the same body gives the same deterministic event id downstream.
 */
public class ReplayGuard {
    private static final int MAX_ENTRIES = 200_000;

    private final Map<String, Long> seenUntil = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    public ReplayGuard(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    public boolean seen(String signature) {
        Long until = seenUntil.get(signature);
        return until != null && until >= clock.millis();
    }

    public void remember(String signature) {
        long now = clock.millis();
        if (seenUntil.size() >= MAX_ENTRIES) {
            seenUntil.values().removeIf(until -> until < now);
            if (seenUntil.size() >= MAX_ENTRIES) {
                // under a flood keep working: forgetting early only weakens replay refusal, and
                // duplicates are still absorbed downstream by event id
                seenUntil.clear();
            }
        }
        // twice the window: a token stamped slightly in the future stays fresh that much longer
        seenUntil.put(signature, now + 2 * window.toMillis());
    }
}
