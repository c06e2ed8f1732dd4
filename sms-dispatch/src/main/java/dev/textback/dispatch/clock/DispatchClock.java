package dev.textback.dispatch.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time every decision of this service is taken at: when a call is stale, when a text is due,
 * sent, delivered or answered, when a lease runs out. It is the system clock, except where simulated
 * time is switched on ({@code textback.clock.settable}, only the local stack does): then an operator
 * can move it by an offset, so that weeks of traffic play in minutes with every rule applied at the
 * simulated hour. Webhook signature ages and outbox bookkeeping stay on the real clock.
 */
@ApplicationScoped
public class DispatchClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    @ConfigProperty(name = "textback.clock.settable", defaultValue = "false")
    boolean settable;

    public Instant now() {
        long offset = offsetMillis.get();
        Instant real = Instant.now();
        return offset == 0 ? real : real.plusMillis(offset);
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    public boolean settable() {
        return settable;
    }

    /**
     * Moves the clock to real time plus {@code offset}.
     *
     * @throws IllegalStateException when simulated time is off (the default): production never moves
     */
    public void setOffset(Duration offset) {
        if (!settable) {
            throw new IllegalStateException("textback.clock.settable is false");
        }
        offsetMillis.set(offset.toMillis());
    }
}
