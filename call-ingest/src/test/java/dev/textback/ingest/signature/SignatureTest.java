package dev.textback.ingest.signature;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.ingest.Signing;

/** Acceptance and every refusal of the three signature schemes, on a fixed clock. */
class SignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String BODY = "{\"uuid\":\"abc\",\"status\":\"busy\"}";
    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    private final VonageSignature vonage = new VonageSignature(Optional.of(Signing.VONAGE_SECRET), WINDOW, CLOCK,
            new ObjectMapper());

    private String reason(Runnable r) {
        return assertThrows(SignatureRefused.class, r::run).reason();
    }

    @Test
    void vonageAcceptsAFreshTokenOnceAndRefusesItsReplay() {
        String token = Signing.vonage(Signing.VONAGE_SECRET, BODY, NOW.getEpochSecond() - 10, "jti-1");
        String key = vonage.verify(token, BODY_BYTES);
        assertEquals("jti:jti-1", key);
        assertDoesNotThrow(() -> vonage.verify(token, BODY_BYTES), "not accepted yet: a retry after 503 passes");
        vonage.accepted(key);
        assertEquals("replayed", reason(() -> vonage.verify(token, BODY_BYTES)));
    }

    @Test
    void vonageRefusals() {
        long iat = NOW.getEpochSecond();
        assertEquals("missing", reason(() -> vonage.verify(null, BODY_BYTES)));
        assertEquals("missing", reason(() -> vonage.verify("Basic abc", BODY_BYTES)));
        assertEquals("malformed", reason(() -> vonage.verify("Bearer not-a-jwt", BODY_BYTES)));
        assertEquals("forged", reason(() -> vonage.verify(Signing.vonage("other-secret", BODY, iat, "j"), BODY_BYTES)));
        assertEquals("stale", reason(() -> vonage.verify(Signing.vonage(Signing.VONAGE_SECRET, BODY, iat - 301, "j"),
                BODY_BYTES)));
        assertEquals("stale", reason(() -> vonage.verify(Signing.vonage(Signing.VONAGE_SECRET, BODY, iat + 120, "j"),
                BODY_BYTES)));
        String token = Signing.vonage(Signing.VONAGE_SECRET, BODY, iat, "j2");
        assertEquals("body-hash", reason(() -> vonage.verify(token, "{\"uuid\":\"abc\",\"status\":\"completed\"}"
                .getBytes(StandardCharsets.UTF_8))));
        // alg "none" with an empty signature must never pass
        String[] parts = token.substring(7).split("\\.");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("malformed", reason(() -> vonage.verify("Bearer " + noneHeader + "." + parts[1] + ".", BODY_BYTES)));
    }

    @Test
    void vonageWithoutSecretChecksNothing() {
        VonageSignature open = new VonageSignature(Optional.empty(), WINDOW, CLOCK, new ObjectMapper());
        assertNull(open.verify(null, BODY_BYTES));
    }

    @Test
    void twilioAcceptsItsOwnSchemeAndRefusesTamperingStaleAndReplay() {
        TwilioSignature twilio = new TwilioSignature(Optional.of(Signing.TWILIO_TOKEN), WINDOW, CLOCK);
        String url = "https://ingest.example.com/webhooks/twilio/voice/status";
        String stamp = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC));
        Map<String, List<String>> form = Map.of("CallSid", List.of("CA123"), "CallStatus", List.of("no-answer"),
                "From", List.of("+14155550100"), "To", List.of("+12125550100"), "Timestamp", List.of(stamp));
        String sig = TwilioSignature.sign(Signing.TWILIO_TOKEN, url, form);
        String key = twilio.verify(sig, url, form);
        twilio.accepted(key);
        assertEquals("replayed", reason(() -> twilio.verify(sig, url, form)));
        assertEquals("missing", reason(() -> twilio.verify(null, url, form)));
        Map<String, List<String>> tampered = new java.util.HashMap<>(form);
        tampered.put("CallStatus", List.of("completed"));
        assertEquals("forged", reason(() -> twilio.verify(TwilioSignature.sign(Signing.TWILIO_TOKEN, url, form), url,
                tampered)));
        assertEquals("forged", reason(() -> twilio.verify(sig, url + "?x=1", form)));
        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.minusSeconds(600),
                ZoneOffset.UTC));
        Map<String, List<String>> stale = new java.util.HashMap<>(form);
        stale.put("Timestamp", List.of(old));
        assertEquals("stale", reason(() -> twilio.verify(TwilioSignature.sign(Signing.TWILIO_TOKEN, url, stale), url,
                stale)));
    }

    @Test
    void twilioSignatureSortsParametersByName() {
        // the same form in another order signs the same: Twilio sorts by name
        String url = "https://example.com/status";
        Map<String, List<String>> a = new java.util.LinkedHashMap<>();
        a.put("To", List.of("1"));
        a.put("CallSid", List.of("2"));
        Map<String, List<String>> b = new java.util.LinkedHashMap<>();
        b.put("CallSid", List.of("2"));
        b.put("To", List.of("1"));
        assertEquals(TwilioSignature.sign("t", url, a), TwilioSignature.sign("t", url, b));
    }

    @Test
    void genericPerBusinessSecretsAndRefusals() {
        GenericSignature generic = new GenericSignature(Optional.of(Signing.GENERIC_KEY), WINDOW, CLOCK);
        long ts = NOW.getEpochSecond();
        String sig = Signing.generic("biz-a", ts, BODY);
        String key = generic.verify("biz-a", String.valueOf(ts), sig, BODY_BYTES);
        generic.accepted(key);
        assertEquals("replayed", reason(() -> generic.verify("biz-a", String.valueOf(ts), sig, BODY_BYTES)));
        assertEquals("forged", reason(() -> generic.verify("biz-b", String.valueOf(ts), sig, BODY_BYTES)),
                "business A's signature is not valid for business B");
        assertEquals("forged", reason(() -> generic.verify("biz-a", String.valueOf(ts + 1), sig, BODY_BYTES)));
        assertEquals("missing", reason(() -> generic.verify("biz-a", null, sig, BODY_BYTES)));
        assertEquals("malformed", reason(() -> generic.verify("biz-a", "yesterday", sig, BODY_BYTES)));
        long old = ts - 301;
        assertEquals("stale", reason(() -> generic.verify("biz-a", String.valueOf(old),
                Signing.generic("biz-a", old, BODY), BODY_BYTES)));
        GenericSignature off = new GenericSignature(Optional.empty(), WINDOW, CLOCK);
        assertEquals("not-configured", reason(() -> off.verify("biz-a", String.valueOf(ts), sig, BODY_BYTES)));
    }
}
