package dev.textback.crm.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignaturesTest {
    private static final byte[] BODY = "{\"phone\":\"+12125550147\",\"externalId\":\"b-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    @Test
    void aSignatureMadeWithTheSecretVerifiesInsideTheReplayWindowOnly() {
        String header = Signatures.sign("s3cret", NOW, BODY);
        assertEquals(Signatures.Check.VALID, Signatures.verify(header, BODY, List.of("s3cret"), NOW));
        assertEquals(Signatures.Check.VALID, Signatures.verify(header, BODY, List.of("s3cret"), NOW.plusSeconds(300)));
        assertEquals(Signatures.Check.STALE, Signatures.verify(header, BODY, List.of("s3cret"), NOW.plusSeconds(301)));
        assertEquals(Signatures.Check.STALE, Signatures.verify(header, BODY, List.of("s3cret"), NOW.minusSeconds(301)));
    }

    @Test
    void anyChangeOfBodySecretOrTimestampIsAMismatch() {
        String header = Signatures.sign("s3cret", NOW, BODY);
        byte[] tampered = "{\"phone\":\"+12125550148\",\"externalId\":\"b-1\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Signatures.Check.MISMATCH, Signatures.verify(header, tampered, List.of("s3cret"), NOW));
        assertEquals(Signatures.Check.MISMATCH, Signatures.verify(header, BODY, List.of("other"), NOW));
        String shifted = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertEquals(Signatures.Check.MISMATCH, Signatures.verify(shifted, BODY, List.of("s3cret"), NOW));
    }

    @Test
    void thePreviousSecretStillVerifiesAndSeveralV1EntriesAreAccepted() {
        String old = Signatures.sign("old", NOW, BODY);
        assertEquals(Signatures.Check.VALID, Signatures.verify(old, BODY, List.of("new", "old"), NOW));
        String v1New = Signatures.sign("new", NOW, BODY).split(",")[1];
        assertEquals(Signatures.Check.VALID, Signatures.verify(old + "," + v1New, BODY, List.of("new"), NOW));
    }

    @Test
    void missingAndMalformedHeadersAreNamed() {
        assertEquals(Signatures.Check.MISSING, Signatures.verify(null, BODY, List.of("s"), NOW));
        assertEquals(Signatures.Check.MISSING, Signatures.verify(" ", BODY, List.of("s"), NOW));
        assertEquals(Signatures.Check.MALFORMED, Signatures.verify("v1=abc", BODY, List.of("s"), NOW));
        assertEquals(Signatures.Check.MALFORMED, Signatures.verify("t=soon,v1=abc", BODY, List.of("s"), NOW));
        assertEquals(Signatures.Check.MALFORMED, Signatures.verify("garbage", BODY, List.of("s"), NOW));
        assertEquals(Signatures.Check.MISMATCH, Signatures.verify("t=" + NOW.getEpochSecond() + ",v1=00", BODY,
                List.of(), NOW));
    }

    @Test
    void calComSignsTheRawBodyWithoutATimestamp() {
        // Reference value: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        String expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assertEquals(expected, Signatures.hmacHex("key", fox));
        assertEquals(Signatures.Check.VALID, Signatures.verifyCal(expected.toUpperCase(), fox, List.of("key")));
        assertEquals(Signatures.Check.MISMATCH, Signatures.verifyCal(expected, BODY, List.of("key")));
        assertEquals(Signatures.Check.MISSING, Signatures.verifyCal(null, fox, List.of("key")));
    }
}
