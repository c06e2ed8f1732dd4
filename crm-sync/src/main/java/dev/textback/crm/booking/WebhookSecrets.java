package dev.textback.crm.booking;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-business signing secrets of the inbound booking webhooks: generated when the business is
 * created (or on first read for businesses older than this feature), rotated through the admin API.
 * After a rotation the previous secret stays valid for {@code crm.webhooks.rotation-grace}.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @ConfigProperty(name = "crm.webhooks.rotation-grace", defaultValue = "24h")
    Duration rotationGrace;

    /** What the admin API shows: the secret and, during the grace period, the one it replaced. */
    public record View(String businessId, String secret, Instant rotatedAt, Instant previousValidUntil) {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The business's secret, created if missing. Call inside a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookSecretEntity ensure(String businessId) {
        WebhookSecretEntity s = em.find(WebhookSecretEntity.class, businessId);
        if (s == null) {
            s = new WebhookSecretEntity();
            s.businessId = businessId;
            s.secret = generate();
            s.rotatedAt = now();
            em.persist(s);
        }
        return s;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public View rotate(String businessId) {
        WebhookSecretEntity s = ensure(businessId);
        s.previousSecret = s.secret;
        s.secret = generate();
        s.rotatedAt = now();
        return view(s);
    }

    /** Secrets that currently verify a signature: the current one, then the previous one inside its grace period. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> valid(String businessId, Instant now) {
        WebhookSecretEntity s = em.find(WebhookSecretEntity.class, businessId);
        if (s == null) {
            return List.of();
        }
        if (s.previousSecret != null && now.isBefore(s.rotatedAt.plus(rotationGrace))) {
            return List.of(s.secret, s.previousSecret);
        }
        return List.of(s.secret);
    }

    public View view(WebhookSecretEntity s) {
        Instant previousUntil = s.previousSecret == null ? null : s.rotatedAt.plus(rotationGrace);
        return new View(s.businessId, s.secret, s.rotatedAt, previousUntil);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
