package dev.textback.ingest.signature;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Vonage signed webhooks: {@code Authorization: Bearer <JWT>} signed HS256 with the account's
 * signature secret, whose {@code payload_hash} is the SHA-256 of the raw body and whose {@code iat}
 * must be recent. Checked only where a secret is configured; without one every request passes
 * (the local simulator does not sign).
 */
@ApplicationScoped
public class VonageSignature {
    private static final String PROVIDER = "vonage";
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    /** Clock skew tolerated for tokens stamped in the future. */
    private static final long SKEW_SECONDS = 60;

    private final Optional<String> secret;
    private final Duration maxAge;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final ReplayGuard replays;

    @Inject
    VonageSignature(@ConfigProperty(name = "textback.vonage.signature-secret") Optional<String> secret,
            @ConfigProperty(name = "textback.signature.max-age") Duration maxAge, ObjectMapper mapper) {
        this(secret, maxAge, Clock.systemUTC(), mapper);
    }

    public VonageSignature(Optional<String> secret, Duration maxAge, Clock clock, ObjectMapper mapper) {
        this.secret = secret.filter(s -> !s.isBlank());
        this.maxAge = maxAge;
        this.clock = clock;
        this.mapper = mapper;
        this.replays = new ReplayGuard(maxAge, clock);
    }

    public boolean configured() {
        return secret.isPresent();
    }

    /**
     * Checks the request and returns the token's replay key (to {@link #accepted} once the webhook
     * succeeded), or null when no secret is configured.
     *
     * @throws SignatureRefused when the token is missing, forged, stale, replayed or the body differs
     */
    public String verify(String authorization, byte[] body) {
        if (secret.isEmpty()) {
            return null;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new SignatureRefused(PROVIDER, "missing", "A signed Vonage webhook needs Authorization: Bearer <JWT>.");
        }
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || token.length() > 4096) {
            throw new SignatureRefused(PROVIDER, "malformed", "The token is not a JWT.");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            header = mapper.readTree(B64.decode(parts[0]));
            claims = mapper.readTree(B64.decode(parts[1]));
            signature = B64.decode(parts[2]);
        } catch (Exception e) {
            throw new SignatureRefused(PROVIDER, "malformed", "The token is not a JWT.");
        }
        if (header == null || !"HS256".equals(header.path("alg").asText())) {
            // never let the token choose a weaker algorithm (or "none")
            throw new SignatureRefused(PROVIDER, "malformed", "Only HS256 tokens are accepted.");
        }
        byte[] expected = Hmacs.hmac("HmacSHA256", Hmacs.utf8(secret.get()), Hmacs.utf8(parts[0] + "." + parts[1]));
        if (!Hmacs.equal(expected, signature)) {
            throw new SignatureRefused(PROVIDER, "forged", "The token's signature does not match.");
        }
        if (claims == null || !claims.path("iat").canConvertToLong()) {
            throw new SignatureRefused(PROVIDER, "malformed", "The token has no iat.");
        }
        long now = clock.instant().getEpochSecond();
        long iat = claims.path("iat").asLong();
        if (iat < now - maxAge.toSeconds() || iat > now + SKEW_SECONDS) {
            throw new SignatureRefused(PROVIDER, "stale", "The token is too old or from the future.");
        }
        String hash = claims.path("payload_hash").asText(null);
        boolean hasBody = body != null && body.length > 0;
        if (hasBody || hash != null) {
            if (hash == null || !Hmacs.equal(hash.toLowerCase(java.util.Locale.ROOT), Hmacs.sha256Hex(hasBody ? body : new byte[0]))) {
                throw new SignatureRefused(PROVIDER, "body-hash", "payload_hash does not match the body.");
            }
        }
        String replayKey = claims.hasNonNull("jti") ? "jti:" + claims.get("jti").asText() : "sig:" + parts[2];
        if (replays.seen(replayKey)) {
            throw new SignatureRefused(PROVIDER, "replayed", "This token was already used.");
        }
        return replayKey;
    }

    /** Remembers a token whose webhook was answered 2xx, so it cannot be used again. */
    public void accepted(String replayKey) {
        if (replayKey != null) {
            replays.remember(replayKey);
        }
    }
}
