package dev.textback.ingest.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.textback.ingest.Signing;
import io.quarkus.test.junit.QuarkusTest;

/** Bodies over 64 KiB get 413, wrong content types 415, malformed bodies 400: all with problem bodies. */
@QuarkusTest
class LimitsTest {
    private static final String[] JSON_WEBHOOKS = {"/webhooks/vonage/voice/event", "/webhooks/vonage/voice/answer",
            "/webhooks/generic/biz-1/calls"};

    @Test
    void bodiesOver64KiBAre413() {
        String big = "{\"status\":\"busy\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
        for (String path : JSON_WEBHOOKS) {
            given().contentType("application/json").header("Authorization", Signing.vonage(big)).body(big)
                    .post(path).then().statusCode(413);
        }
        given().contentType("application/x-www-form-urlencoded").body("CallSid=" + "x".repeat(70 * 1024))
                .post("/webhooks/twilio/voice/status").then().statusCode(413);
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        String padded = "{\"uuid\":\"abc\",\"status\":\"ringing\",\"to\":\"12125550100\",\"pad\":\""
                + "x".repeat(60 * 1024) + "\"}";
        given().contentType("application/json").header("Authorization", Signing.vonage(padded)).body(padded)
                .post("/webhooks/vonage/voice/event").then().statusCode(202).body("ignored", equalTo("not-final"));
    }

    @Test
    void wrongContentTypesAre415() {
        for (String path : JSON_WEBHOOKS) {
            given().contentType("text/plain").body("status=busy").post(path).then().statusCode(415)
                    .contentType("application/problem+json").body("status", equalTo(415));
            given().contentType("application/xml").body("<call/>").post(path).then().statusCode(415);
        }
        given().contentType("application/json").body("{}").post("/webhooks/twilio/voice/status").then().statusCode(415);
    }

    @Test
    void malformedBodiesAre400() {
        for (String body : new String[] {"", "{", "null", "\"x\"", "[1,2]", "{\"a\":" + "[".repeat(200) + "}"}) {
            given().contentType("application/json").header("Authorization", Signing.vonage(body)).body(body)
                    .post("/webhooks/vonage/voice/event").then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
