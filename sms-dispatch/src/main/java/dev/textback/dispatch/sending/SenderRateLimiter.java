package dev.textback.dispatch.sending;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each sending number within its throughput (messages per second; carriers and Vonage limit
 * long codes, toll-free numbers and short codes differently). Evenly spaced slots per number:
 * reserving returns how long to wait for the slot. Per instance: with several instances, divide the
 * configured rate by their number.
 */
@ApplicationScoped
public class SenderRateLimiter {
    @ConfigProperty(name = "textback.sending.rate-per-sender", defaultValue = "10")
    double ratePerSecond;

    private final ConcurrentHashMap<String, long[]> nextFree = new ConcurrentHashMap<>();
    private long spacingNanos;

    @PostConstruct
    void init() {
        spacingNanos = ratePerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
    }

    /**
     * Takes the next slot of this sender if it comes within {@code maxWaitNanos}; returns the
     * nanoseconds until that slot (0 = now). A larger result means nothing was reserved.
     */
    public long reserve(String sender, long maxWaitNanos) {
        if (spacingNanos == 0) {
            return 0;
        }
        long[] slot = nextFree.computeIfAbsent(sender, s -> new long[] {System.nanoTime()});
        synchronized (slot) {
            long now = System.nanoTime();
            long at = Math.max(now, slot[0]);
            if (at - now <= maxWaitNanos) {
                slot[0] = at + spacingNanos;
            }
            return at - now;
        }
    }
}
