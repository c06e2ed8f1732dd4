package dev.textback.crm.booking;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of webhooks, in and out. Pure, so every rule is unit-tested.
 * <ul>
 * <li>Textback scheme (generic booking webhook, outbound webhook connector): header
 * {@code X-Textback-Signature: t=<unix seconds>,v1=<hex>} with
 * {@code v1 = HMAC-SHA256(secret, t + "." + raw body)}; {@code t} must be within the replay window.
 * Several {@code v1} entries may be given (a sender signing with old and new secret during a rotation).</li>
 * <li>Cal.com: {@code X-Cal-Signature-256: <hex>} = HMAC-SHA256(secret, raw body); no timestamp, so
 * replays are absorbed by the booking uid used as idempotency key instead.</li>
 * </ul>
 * Comparisons are constant-time ({@link MessageDigest#isEqual}).
 */
public final class Signatures {
    public static final String HEADER = "X-Textback-Signature";
    public static final String CAL_HEADER = "X-Cal-Signature-256";
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private Signatures() {
    }

    public enum Check {
        VALID, MISSING, MALFORMED, STALE, MISMATCH
    }

    public static String hmacHex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value a sender puts on {@code body} at {@code at}. */
    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmacHex(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    /** Checks a Textback signature header against any of {@code secrets} (current, then previous). */
    public static Check verify(String header, byte[] body, List<String> secrets, Instant now) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        Long t = null;
        List<String> candidates = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                return Check.MALFORMED;
            }
            switch (kv[0]) {
                case "t" -> {
                    try {
                        t = Long.parseLong(kv[1]);
                    } catch (NumberFormatException e) {
                        return Check.MALFORMED;
                    }
                }
                case "v1" -> candidates.add(kv[1].toLowerCase(java.util.Locale.ROOT));
                default -> {
                    // other schemes (future versions) are ignored
                }
            }
        }
        if (t == null || candidates.isEmpty()) {
            return Check.MALFORMED;
        }
        long skew = Math.abs(now.getEpochSecond() - t);
        if (skew > REPLAY_WINDOW.toSeconds()) {
            return Check.STALE;
        }
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            byte[] expected = hmacHex(secret, prefix, body).getBytes(StandardCharsets.US_ASCII);
            for (String candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                    return Check.VALID;
                }
            }
        }
        return Check.MISMATCH;
    }

    /** Cal.com's scheme: hex HMAC of the raw body, no timestamp. */
    public static Check verifyCal(String header, byte[] body, List<String> secrets) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        byte[] given = header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        for (String secret : secrets) {
            if (MessageDigest.isEqual(hmacHex(secret, body).getBytes(StandardCharsets.US_ASCII), given)) {
                return Check.VALID;
            }
        }
        return Check.MISMATCH;
    }
}
