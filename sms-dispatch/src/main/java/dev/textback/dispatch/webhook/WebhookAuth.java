package dev.textback.dispatch.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.dispatch.web.Problem;
import dev.textback.dispatch.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Applies {@link VonageSignatures} when a signature secret is configured; a forged webhook is a 401. */
@ApplicationScoped
public class WebhookAuth {
    /** Optional: an empty value (the default) means webhooks are not signed. */
    @ConfigProperty(name = "textback.vonage.signature-secret")
    java.util.Optional<String> configuredSecret;
    @ConfigProperty(name = "textback.vonage.signature-method", defaultValue = "md5hash")
    String method;
    @ConfigProperty(name = "textback.vonage.signature-max-age", defaultValue = "5m")
    Duration maxAge;
    @Inject
    MeterRegistry meters;

    public boolean enabled() {
        return configuredSecret.filter(s -> !s.isBlank()).isPresent();
    }

    /** SMS API webhooks (receipts, inbound): the {@code sig} over all parameters. */
    public void checkSms(Map<String, String> params) {
        if (enabled()) {
            reject(VonageSignatures.verifySms(params, configuredSecret.get(), method, maxAge, Instant.now()));
        }
    }

    /** Messages API webhooks: the bearer JWT with the body's hash. */
    public void checkJwt(String authorization, byte[] rawBody) {
        if (enabled()) {
            reject(VonageSignatures.verifyJwt(authorization, rawBody, configuredSecret.get(), maxAge, Instant.now()));
        }
    }

    private void reject(String why) {
        if (why != null) {
            meters.counter("textback.webhooks.rejected", "reason", "signature").increment();
            throw new ProblemException(Problem.of("bad-signature", "Webhook signature invalid", 401,
                    "The webhook is not signed with this service's Vonage signature secret: " + why + "."));
        }
    }
}
