package dev.textback.ingest.signature;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The generic call webhook's HMAC: {@code X-Textback-Signature: v1=<hex>} where hex is
 * HMAC-SHA256(business secret, timestamp + "." + raw body) and {@code X-Textback-Timestamp} is Unix
 * seconds. Each business has its own secret, derived from one deployment key as
 * HMAC-SHA256(key, "generic-webhook:" + businessId): call-ingest stays stateless, a leaked business
 * secret exposes only that business, and rotating the key rotates them all.
 *
 * <p>Without a configured key the webhook is refused: accepting unsigned calls would let anyone make
 * Textback text any number.
 */
@ApplicationScoped
public class GenericSignature {
    private static final String PROVIDER = "generic";
    private static final long SKEW_SECONDS = 60;

    private final Optional<String> key;
    private final Duration maxAge;
    private final Clock clock;
    private final ReplayGuard replays;

    @Inject
    GenericSignature(@ConfigProperty(name = "textback.generic.signing-key") Optional<String> key,
            @ConfigProperty(name = "textback.signature.max-age") Duration maxAge) {
        this(key, maxAge, Clock.systemUTC());
    }

    public GenericSignature(Optional<String> key, Duration maxAge, Clock clock) {
        this.key = key.filter(s -> !s.isBlank());
        this.maxAge = maxAge;
        this.clock = clock;
        this.replays = new ReplayGuard(maxAge, clock);
    }

    /** The secret a business signs its calls with (what an operator hands to the business). */
    public static String businessSecret(String key, String businessId) {
        return Hmacs.hex(Hmacs.hmacSha256(key, "generic-webhook:" + businessId));
    }

    /** The header value for a body, as a sender computes it. */
    public static String sign(String businessSecret, long timestamp, byte[] body) {
        byte[] data = concat(Hmacs.utf8(timestamp + "."), body);
        return "v1=" + Hmacs.hex(Hmacs.hmac("HmacSHA256", Hmacs.utf8(businessSecret), data));
    }

    /** @return the replay key to {@link #accepted} once the webhook succeeded */
    public String verify(String businessId, String timestampHeader, String signatureHeader, byte[] body) {
        if (key.isEmpty()) {
            throw new SignatureRefused(PROVIDER, "not-configured",
                    "The generic webhook is off: no signing key is configured (textback.generic.signing-key).");
        }
        if (timestampHeader == null || signatureHeader == null) {
            throw new SignatureRefused(PROVIDER, "missing", "X-Textback-Timestamp and X-Textback-Signature are required.");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw new SignatureRefused(PROVIDER, "malformed", "X-Textback-Timestamp must be Unix seconds.");
        }
        String expected = sign(businessSecret(key.get(), businessId), timestamp, body == null ? new byte[0] : body);
        if (!Hmacs.equal(expected, signatureHeader.trim())) {
            throw new SignatureRefused(PROVIDER, "forged", "X-Textback-Signature does not match.");
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - maxAge.toSeconds() || timestamp > now + SKEW_SECONDS) {
            throw new SignatureRefused(PROVIDER, "stale", "The timestamp is too old or from the future.");
        }
        String replayKey = "sig:" + expected;
        if (replays.seen(replayKey)) {
            throw new SignatureRefused(PROVIDER, "replayed", "This signature was already used.");
        }
        return replayKey;
    }

    public void accepted(String replayKey) {
        if (replayKey != null) {
            replays.remember(replayKey);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
