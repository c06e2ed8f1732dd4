package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.events;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static dev.textback.dispatch.support.Fixtures.settle;
import static dev.textback.dispatch.support.Fixtures.vonageInbound;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.dispatch.webhook.VonageSignatures;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The Messages API for sending, and every webhook signed (SMS API HMAC-SHA256, Messages API JWT). */
@QuarkusTest
@TestProfile(MessagesApiSignedWebhooksTest.Signed.class)
@WithTestResource(VonageStubResource.class)
class MessagesApiSignedWebhooksTest {
    static final String SECRET = "sig-secret-for-tests";

    public static class Signed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("textback.vonage.api", "messages", "textback.vonage.signature-secret", SECRET,
                    "textback.vonage.signature-method", "sha256");
        }
    }

    @Test
    void textsGoThroughTheMessagesApiWithRetriesAndProviderCodes() {
        TestBusiness b = givenBusiness();
        String ok = randomPhone();
        String throttledOnce = randomPhone();
        String refused = randomPhone();
        VonageStubResource.stub().script(throttledOnce, VonageStub.Reply.http(429));
        VonageStubResource.stub().script(refused, new VonageStub.Reply(422, "1120", 0));
        publishCall(missedCall(b, ok, Instant.now()));
        publishCall(missedCall(b, throttledOnce, Instant.now()));
        publishCall(missedCall(b, refused, Instant.now()));

        JsonNode sent = body(awaitEvents(b.id(), ok, TextTopic.TEXT_SENT, 1).get(0));
        VonageStub.Submission s = VonageStubResource.stub().submissionsTo(ok).get(0);
        assertEquals("messages:sms:text", s.type());
        assertEquals(sent.get("textId").asText(), s.clientRef());
        assertEquals(sent.get("providerMessageId").asText().length(), 36, "the message_uuid");
        awaitEvents(b.id(), throttledOnce, TextTopic.TEXT_SENT, 1);
        assertEquals(2, VonageStubResource.stub().submissionsTo(throttledOnce).size(), "429 is retried");
        JsonNode failed = body(awaitEvents(b.id(), refused, TextTopic.TEXT_STATUS_CHANGED, 1).get(0));
        assertEquals("FAILED", failed.get("status").asText());
        assertEquals("1120", failed.get("errorCode").asText());
        settle();
        assertEquals(1, VonageStubResource.stub().submissionsTo(refused).size(), "a refusal is final");
    }

    @Test
    void smsApiWebhooksNeedAValidRecentSignature() throws Exception {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        Map<String, String> forged = signed(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Hi"),
                Instant.now());
        forged.put("text", "Hi there"); // changed after signing
        given().formParams(forged).post("/webhooks/vonage/sms/inbound").then().statusCode(401)
                .contentType("application/problem+json");
        Map<String, String> old = signed(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Hi"),
                Instant.now().minusSeconds(600));
        given().formParams(old).post("/webhooks/vonage/sms/inbound").then().statusCode(401);
        given().formParams(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Hi"))
                .post("/webhooks/vonage/sms/inbound").then().statusCode(401);

        Map<String, String> good = signed(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Hi"),
                Instant.now());
        given().queryParams(good).get("/webhooks/vonage/sms/inbound").then().statusCode(200);
        awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1);
        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.REPLY_RECEIVED).size(), "only the signed one counted");
    }

    @Test
    void messagesApiWebhooksNeedAJwtWhosePayloadHashMatchesTheBody() throws Exception {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        String in = """
                {"channel":"sms","message_uuid":"%s","to":"%s","from":"%s","timestamp":"2026-11-27T10:01:00Z",
                 "message_type":"text","text":"Signed hello"}""".formatted(UUID.randomUUID(), b.number().substring(1),
                caller.substring(1));
        String tampered = in.replace("Signed hello", "Forged hello");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + jwt(in, Instant.now(), SECRET))
                .body(tampered).post("/webhooks/vonage/messages/inbound").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + jwt(in, Instant.now(), "wrong"))
                .body(in).post("/webhooks/vonage/messages/inbound").then().statusCode(401);
        given().contentType(ContentType.JSON).body(in).post("/webhooks/vonage/messages/inbound").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + jwt(in, Instant.now(), SECRET))
                .body(in).post("/webhooks/vonage/messages/inbound").then().statusCode(200);
        JsonNode reply = body(awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1).get(0));
        assertEquals("Signed hello", reply.get("text").asText());
        settle();
        assertEquals(List.of("Signed hello"), events(b.id(), caller, TextTopic.REPLY_RECEIVED).stream()
                .map(e -> body(e).get("text").asText()).toList());
    }

    @Test
    void theSignatureVariantsMatchVonagesDefinition() throws Exception {
        Map<String, String> p = Map.of("a", "1&2", "b", "x=y", "timestamp", "1700000000");
        // "&a=1_2&b=x_y&timestamp=1700000000" + secret, MD5
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(("&a=1_2&b=x_y&timestamp=1700000000" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, VonageSignatures.smsSignature(p, SECRET, "md5hash").toLowerCase());
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        assertEquals(HexFormat.of().formatHex(mac.doFinal("&a=1_2&b=x_y&timestamp=1700000000"
                .getBytes(StandardCharsets.UTF_8))), VonageSignatures.smsSignature(p, SECRET, "sha512").toLowerCase());
        assertTrue(VonageSignatures.verifySms(new HashMap<>(Map.of("a", "1", "sig", "00", "timestamp", "1700000000")),
                SECRET, "md5hash", java.time.Duration.ofMinutes(5), Instant.ofEpochSecond(1700000000)) != null);
    }

    static Map<String, String> signed(Map<String, String> params, Instant at) throws Exception {
        Map<String, String> m = new HashMap<>(params);
        m.put("timestamp", String.valueOf(at.getEpochSecond()));
        m.put("sig", VonageSignatures.smsSignature(m, SECRET, "sha256"));
        return m;
    }

    static String jwt(String body, Instant iat, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        String claims = b64.encodeToString(("{\"iat\":" + iat.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hash + "\",\"api_key\":\"test-key\"}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + claims + "."
                + b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
    }
}
