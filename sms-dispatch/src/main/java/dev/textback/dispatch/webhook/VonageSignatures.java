package dev.textback.dispatch.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.auth.hashutils.HashType;
import com.vonage.client.auth.hashutils.HashUtil;

/**
 * Checks Vonage webhook signatures (pure; {@link WebhookAuth} applies the configuration).
 * <ul>
 * <li>SMS API signed webhooks: the {@code sig} parameter over every other parameter, sorted by name, as
 * {@code &name=value} ('&' and '=' inside values replaced by '_'), with the signature secret appended
 * and hashed with MD5 ({@code md5hash}), or used as the key of an HMAC (md5, sha1, sha256, sha512),
 * computed with the SDK's {@link HashUtil}; {@code timestamp} (Unix seconds) must be recent.</li>
 * <li>Messages API: {@code Authorization: Bearer <JWT>} signed HS256 with the signature secret; its
 * {@code payload_hash} claim must be the SHA-256 (hex) of the raw body (the SDK checks only the
 * signature) and its {@code iat} must be recent.</li>
 * </ul>
 * Comparisons are constant-time. Each method returns null when valid, else why not.
 */
public final class VonageSignatures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private VonageSignatures() {
    }

    /** Verifies an SMS API signed webhook; {@code params} are all the request's parameters. */
    public static String verifySms(Map<String, String> params, String secret, String method, Duration maxAge,
            Instant now) {
        String sig = params.get("sig");
        if (sig == null || sig.isBlank()) {
            return "no sig parameter";
        }
        String timestamp = params.get("timestamp");
        if (timestamp == null) {
            return "no timestamp parameter";
        }
        String stale = checkAge(timestamp, maxAge, now);
        if (stale != null) {
            return stale;
        }
        String expected;
        try {
            expected = smsSignature(params, secret, method);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "cannot compute the signature: " + e.getMessage();
        }
        return constantTimeEquals(expected.toLowerCase(Locale.ROOT), sig.strip().toLowerCase(Locale.ROOT)) ? null
                : "signature does not match";
    }

    /** The signature Vonage computes for these parameters ({@code sig} itself left out). */
    public static String smsSignature(Map<String, String> params, String secret, String method)
            throws GeneralSecurityException {
        StringBuilder base = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!"sig".equals(name)) {
                base.append('&').append(name).append('=')
                        .append(value == null ? "" : value.replace('&', '_').replace('=', '_'));
            }
        });
        return switch (method.strip().toLowerCase(Locale.ROOT)) {
            case "md5hash" -> HashUtil.calculate(base + secret, HashType.MD5);
            case "md5" -> HashUtil.calculate(base.toString(), secret, HashType.HMAC_MD5);
            case "sha1" -> HashUtil.calculate(base.toString(), secret, HashType.HMAC_SHA1);
            case "sha256" -> HashUtil.calculate(base.toString(), secret, HashType.HMAC_SHA256);
            case "sha512" -> HashUtil.calculate(base.toString(), secret, HashType.HMAC_SHA512);
            default -> throw new IllegalArgumentException("unknown signature method " + method);
        };
    }

    /** Verifies a Messages API webhook's bearer JWT against the raw body. */
    public static String verifyJwt(String authorization, byte[] rawBody, String secret, Duration maxAge, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "no bearer token";
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(b64.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return "unexpected JWT algorithm";
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) {
                return "JWT signature does not match";
            }
            JsonNode claims = JSON.readTree(b64.decode(parts[1]));
            if (!claims.path("iat").canConvertToLong()) {
                return "JWT without iat";
            }
            String stale = checkAge(claims.path("iat").asText(), maxAge, now);
            if (stale != null) {
                return stale;
            }
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawBody));
            String claimed = claims.path("payload_hash").asText("").toLowerCase(Locale.ROOT);
            return constantTimeEquals(hash, claimed) ? null : "payload_hash does not match the body";
        } catch (Exception e) {
            return "unreadable JWT";
        }
    }

    private static String checkAge(String epochSeconds, Duration maxAge, Instant now) {
        long at;
        try {
            at = Long.parseLong(epochSeconds.strip());
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        Instant signedAt = Instant.ofEpochSecond(at);
        if (signedAt.isBefore(now.minus(maxAge)) || signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return "signed outside the replay window";
        }
        return null;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
