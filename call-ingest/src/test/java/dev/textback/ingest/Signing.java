package dev.textback.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.textback.ingest.signature.GenericSignature;
import dev.textback.ingest.signature.Hmacs;
import dev.textback.ingest.signature.TwilioSignature;

/** Signs test requests the way each provider does, with the secrets of the %test profile. */
public final class Signing {
    public static final String VONAGE_SECRET = "test-vonage-signature-secret";
    public static final String TWILIO_TOKEN = "test-twilio-auth-token";
    public static final String GENERIC_KEY = "test-generic-signing-key";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Signing() {
    }

    /** {@code Bearer <JWT>} as Vonage signs a webhook: HS256, iat, jti, payload_hash of the body. */
    public static String vonage(String body) {
        return vonage(VONAGE_SECRET, body, Instant.now().getEpochSecond(), UUID.randomUUID().toString());
    }

    public static String vonage(String secret, String body, long iat, String jti) {
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String hash = Hmacs.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"iat\":" + iat + ",\"jti\":\"" + jti
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hash + "\",\"api_key\":\"abcd1234\"}")
                .getBytes(StandardCharsets.UTF_8));
        String signature = B64.encodeToString(Hmacs.hmac("HmacSHA256", Hmacs.utf8(secret),
                Hmacs.utf8(header + "." + claims)));
        return "Bearer " + header + "." + claims + "." + signature;
    }

    public static String twilio(String url, Map<String, List<String>> form) {
        return TwilioSignature.sign(TWILIO_TOKEN, url, form);
    }

    public static String genericSecret(String businessId) {
        return GenericSignature.businessSecret(GENERIC_KEY, businessId);
    }

    public static String generic(String businessId, long timestamp, String body) {
        return GenericSignature.sign(genericSecret(businessId), timestamp, body.getBytes(StandardCharsets.UTF_8));
    }
}
