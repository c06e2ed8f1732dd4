package dev.textback.dispatch.poll;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Sub-second polling inside a once-a-second scheduled job. Quarkus' scheduler fires {@code every}
 * jobs at most once a second (it warns and delays shorter intervals), so a job that must react
 * within a fraction of a second runs for about one tick and polls at its own interval inside it.
 */
public final class PollLoop {
    private PollLoop() {
    }

    /**
     * Calls {@code step} until {@code window} has passed or {@code running} turns false: again at
     * once while it reports work done, after {@code interval} when it found nothing to do.
     */
    public static void run(Duration window, Duration interval, BooleanSupplier running, BooleanSupplier step) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline && running.getAsBoolean()) {
            if (!step.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
