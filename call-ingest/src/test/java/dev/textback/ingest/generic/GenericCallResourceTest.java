package dev.textback.ingest.generic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.EventSchemas;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class GenericCallResourceTest {

    static String call(String callId, String from, String to, String outcome) {
        return """
                {"callId":"%s","from":"%s","to":"%s","startedAt":"2026-11-20T15:03:00Z",
                 "endedAt":"2026-11-20T15:03:25Z","outcome":"%s","system":"acme-pbx"}
                """.formatted(callId, from, to, outcome);
    }

    static ValidatableResponse post(String businessId, String body, long timestamp, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Textback-Timestamp", String.valueOf(timestamp)).header("X-Textback-Signature", signature);
        }
        return request.post("/webhooks/generic/" + businessId + "/calls").then();
    }

    static ValidatableResponse signedPost(String businessId, String body) {
        long now = Instant.now().getEpochSecond();
        return post(businessId, body, now, Signing.generic(businessId, now, body));
    }

    @Test
    void signedCallsAreRecordedWithTheirOutcome() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        signedPost(business.businessId(), call("c-1", "(415) 555-0171", number, "missed")).statusCode(200)
                .body("outcome", equalTo("MISSED"));
        signedPost(business.businessId(), call("c-2", "+14155550172", number, "VOICEMAIL")).statusCode(200)
                .body("outcome", equalTo("VOICEMAIL"));
        signedPost(business.businessId(), call("c-3", "+14155550173", number, "answered")).statusCode(200)
                .body("outcome", equalTo("ANSWERED"));
        var records = CallsTopic.forBusiness(business.businessId(), 3);
        JsonNode missed = records.stream().map(CallsTopic::body)
                .filter(c -> c.get("outcome").asText().equals("MISSED")).findFirst().orElseThrow();
        assertEquals("+14155550171", missed.get("caller").asText(), "a national number read in the business's country");
        assertEquals(business.businessId() + ":c-1", missed.get("callId").asText());
        assertEquals("generic", missed.get("provider").asText());
        JsonNode answered = records.stream().map(CallsTopic::body)
                .filter(c -> c.get("outcome").asText().equals("ANSWERED")).findFirst().orElseThrow();
        assertEquals(25, answered.get("durationSeconds").asInt());
        records.forEach(r -> assertEquals(java.util.List.of(), EventSchemas.violations("schemas/call-ended.v1.json", r.body())));
    }

    @Test
    void refusesUnsignedForgedStaleReplayedAndOtherBusinessesSignatures() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String id = business.businessId();
        String body = call("c-9", "+14155550174", number, "missed");
        long now = Instant.now().getEpochSecond();
        post(id, body, now, null).statusCode(401).contentType("application/problem+json");
        post(id, body, now, Signing.generic("biz-other", now, body)).statusCode(401);
        post(id, body, now, Signing.generic(id, now, body.replace("c-9", "c-10"))).statusCode(401);
        post(id, body, now - 3600, Signing.generic(id, now - 3600, body)).statusCode(401);
        assertEquals(0, CallsTopic.forBusiness(id, 0).size());

        String signature = Signing.generic(id, now, body);
        post(id, body, now, signature).statusCode(200);
        post(id, body, now, signature).statusCode(401).body("detail", equalTo("This signature was already used."));
        assertEquals(1, CallsTopic.forBusiness(id, 1).size());
    }

    @Test
    void aBusinessCannotRecordCallsToAnotherBusinessesNumber() throws Exception {
        BusinessProfile a = TestBusinesses.publish(TestBusinesses.randomNumber());
        BusinessProfile b = TestBusinesses.publish(TestBusinesses.randomNumber());
        signedPost(a.businessId(), call("c-x", "+14155550175", b.numbers().get(0), "missed")).statusCode(202)
                .body("ignored", equalTo("number-of-another-business"));
        assertEquals(0, CallsTopic.forBusiness(b.businessId(), 0).size());
    }

    @Test
    void invalidFieldsAre400NamingTheField() throws Exception {
        String id = "biz-" + UUID.randomUUID();
        signedPost(id, call("c-1", "+14155550176", "+12125550100", "maybe")).statusCode(400)
                .body("errors[0]", equalTo("outcome"));
        signedPost(id, call("c 1", "+14155550176", "+12125550100", "missed")).statusCode(400)
                .body("errors[0]", equalTo("callId"));
        signedPost(id, "{\"callId\":\"c\",\"to\":\"+12125550100\",\"outcome\":\"missed\"}").statusCode(400)
                .body("errors[0]", equalTo("endedAt"));
    }
}
