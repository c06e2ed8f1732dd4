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
}
