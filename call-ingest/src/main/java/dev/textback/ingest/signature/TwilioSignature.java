package dev.textback.ingest.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the auth token, over the full
 * URL Twilio requested followed by every POST parameter as name then value, sorted by name. Twilio
 * signs no time, so freshness comes from the callback's own {@code Timestamp} parameter when it is
 * there, and a replayed signature is refused inside the window.
 */
@ApplicationScoped
public class TwilioSignature {
    private static final String PROVIDER = "twilio";

    private final Optional<String> authToken;
    private final Duration maxAge;
    private final Clock clock;
    private final ReplayGuard replays;

    @Inject
    TwilioSignature(@ConfigProperty(name = "textback.twilio.auth-token") Optional<String> authToken,
            @ConfigProperty(name = "textback.signature.max-age") Duration maxAge) {
        this(authToken, maxAge, Clock.systemUTC());
    }

    public TwilioSignature(Optional<String> authToken, Duration maxAge, Clock clock) {
        this.authToken = authToken.filter(s -> !s.isBlank());
        this.maxAge = maxAge;
        this.clock = clock;
        this.replays = new ReplayGuard(maxAge, clock);
    }

    public boolean configured() {
        return authToken.isPresent();
    }

    /** The signature Twilio computes for this URL and form; public so tests and tools sign the same way. */
    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.forEach(v -> data.append(name).append(v)));
        byte[] mac = Hmacs.hmac("HmacSHA1", Hmacs.utf8(authToken), data.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    /** @return the replay key to {@link #accepted}, or null when no auth token is configured */
    public String verify(String signature, String url, Map<String, List<String>> params) {
        if (authToken.isEmpty()) {
            return null;
        }
        if (signature == null || signature.isBlank()) {
            throw new SignatureRefused(PROVIDER, "missing", "X-Twilio-Signature is required.");
        }
        if (!Hmacs.equal(sign(authToken.get(), url, params), signature.trim())) {
            throw new SignatureRefused(PROVIDER, "forged", "X-Twilio-Signature does not match this request.");
        }
        List<String> stamp = params.get("Timestamp");
        if (stamp != null && !stamp.isEmpty()) {
            Instant at;
            try {
                at = ZonedDateTime.parse(stamp.get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (RuntimeException e) {
                throw new SignatureRefused(PROVIDER, "malformed", "Timestamp is not an RFC 1123 date.");
            }
            Instant now = clock.instant();
            if (at.isBefore(now.minus(maxAge)) || at.isAfter(now.plusSeconds(60))) {
                throw new SignatureRefused(PROVIDER, "stale", "The callback is too old or from the future.");
            }
        }
        String key = "sig:" + signature.trim();
        if (replays.seen(key)) {
            throw new SignatureRefused(PROVIDER, "replayed", "This signature was already used.");
        }
        return key;
    }

    public void accepted(String replayKey) {
        if (replayKey != null) {
            replays.remember(replayKey);
        }
    }
}
