package dev.textback.ingest.call;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three counters operators watch: calls recorded (by provider and outcome), webhooks accepted
 * but not recorded (by reason), and webhooks refused (by reason: signature, size, format ...).
 */
@ApplicationScoped
public class CallMetrics {
    private final MeterRegistry meters;

    CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void recorded(String provider, String outcome) {
        meters.counter("textback.calls.recorded", "provider", provider, "outcome", outcome).increment();
    }

    public void ignored(String provider, String reason) {
        meters.counter("textback.webhooks.ignored", "provider", provider, "reason", reason).increment();
    }

    public void refused(String provider, String reason) {
        meters.counter("textback.webhooks.refused", "provider", provider, "reason", reason).increment();
    }

    /** A refused webhook known only by its path ({@code /webhooks/<provider>/...}): malformed, too large, wrong type. */
    public void refusedAt(String path, String reason) {
        if (path != null && path.startsWith("/webhooks/")) {
            int end = path.indexOf('/', "/webhooks/".length());
            refused(end < 0 ? path.substring("/webhooks/".length()) : path.substring("/webhooks/".length(), end), reason);
        }
    }
}
