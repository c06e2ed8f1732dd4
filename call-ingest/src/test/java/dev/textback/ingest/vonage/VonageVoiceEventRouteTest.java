package dev.textback.ingest.vonage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.EventSchemas;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
public class VonageVoiceEventRouteTest {
    private static final String PATH = "/webhooks/vonage/voice/event";

    /** A real-looking Vonage event: string-typed numbers, null start_time, an extra headers object. */
    public static String event(String uuid, String status, String from, String to, String duration) {
        return """
                {"headers":{},"from":"%s","to":"%s","uuid":"%s","conversation_uuid":"CON-%s",
                 "status":"%s","direction":"inbound","timestamp":"2026-11-20T15:04:05.000Z",
                 "start_time":null,"end_time":"2026-11-20T15:04:05.000Z","duration":"%s","rate":"0.01","price":"0"}
                """.formatted(from, to, uuid, uuid, status, duration);
    }

    /** A signed JSON event of a new call (fresh uuid), posted to the webhook. */
    public static Response postEvent(String status, String from, String to, String duration) {
        return signed(event(UUID.randomUUID().toString(), status, from, to, duration)).post(PATH);
    }

    public static RequestSpecification signed(String body) {
        return given().contentType("application/json").header("Authorization", Signing.vonage(body)).body(body);
    }

    @Test
    void unansweredCallBecomesOneMissedCallEndedWithTheSameIdWhenRetried() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String body = event(UUID.randomUUID().toString(), "unanswered", "14155550123", number.substring(1), "0");

        signed(body).post(PATH).then().statusCode(200).body("outcome", equalTo("MISSED"));
        signed(body).post(PATH).then().statusCode(200); // a provider retry: newly signed, same body

        List<CloudEventRecord> records = CallsTopic.forBusiness(business.businessId(), 2);
        assertEquals(2, records.size(), "both deliveries are written");
        assertEquals(records.get(0).id(), records.get(1).id(), "a retried webhook keeps its event id");
        CloudEventRecord record = records.get(0);
        assertEquals(CallTopic.CALL_ENDED, record.type());
        assertEquals(business.businessId() + ":+14155550123", record.key());
        assertEquals(List.of(), EventSchemas.violations("schemas/call-ended.v1.json", record.body()));
        JsonNode call = CallsTopic.body(record);
        assertEquals("MISSED", call.get("outcome").asText());
        assertEquals("unanswered", call.get("reason").asText());
        assertEquals("+14155550123", call.get("caller").asText());
        assertTrue(call.get("callerReachable").asBoolean());
        assertEquals(number, call.get("called").asText());
        assertEquals("vonage", call.get("provider").asText());
    }

    @Test
    void getQueryEventsAreReadLikeJsonOnes() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        given().header("Authorization", Signing.vonage(""))
                .queryParam("uuid", UUID.randomUUID().toString()).queryParam("status", "busy")
                .queryParam("from", "14155550126").queryParam("to", number.substring(1))
                .queryParam("timestamp", "2026-11-20T15:04:05.000Z").queryParam("duration", "0")
                .get(PATH).then().statusCode(200).body("outcome", equalTo("MISSED"));
        JsonNode call = CallsTopic.body(CallsTopic.forBusiness(business.businessId(), 1).get(0));
        assertEquals("busy", call.get("reason").asText());
        assertEquals("+14155550126", call.get("caller").asText());
    }

    @Test
    void completedCallIsAnsweredAndWithheldCallerIsUnreachable() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        postEvent("completed", "14155550124", number.substring(1), "42")
                .then().statusCode(200).body("outcome", equalTo("ANSWERED"));
        for (String withheld : List.of("Restricted", "anonymous", "UNKNOWN", "", "12")) {
            postEvent("busy", withheld, number.substring(1), "0")
                    .then().statusCode(200).body("outcome", equalTo("MISSED"));
        }
        List<CloudEventRecord> records = CallsTopic.forBusiness(business.businessId(), 6);
        List<CloudEventRecord> missed = records.stream()
                .filter(r -> CallsTopic.body(r).get("outcome").asText().equals("MISSED")).toList();
        assertEquals(5, missed.size());
        for (CloudEventRecord r : missed) {
            JsonNode call = CallsTopic.body(r);
            assertNull(call.get("caller").textValue());
            assertEquals(false, call.get("callerReachable").asBoolean());
            assertEquals(List.of(), EventSchemas.violations("schemas/call-ended.v1.json", r.body()));
        }
    }

    @Test
    void inProgressUnknownStatusesAndUnknownNumbersAreAcceptedAndNotPublished() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        postEvent("ringing", "14155550125", number.substring(1), "")
                .then().statusCode(202).body("ignored", equalTo("not-final"));
        postEvent("teleported", "14155550125", number.substring(1), "")
                .then().statusCode(202).body("ignored", equalTo("unknown-status"));
        postEvent("unanswered", "14155550125", "12125550000", "0")
                .then().statusCode(202).body("ignored", equalTo("unrouted-number"));
        assertEquals(0, CallsTopic.forBusiness(business.businessId(), 0).size());
    }

    @Test
    void unsignedForgedOrReplayedEventsGet401AndPublishNothing() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String body = event(UUID.randomUUID().toString(), "busy", "14155550127", number.substring(1), "0");
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().contentType("application/json").header("Authorization",
                Signing.vonage("wrong-secret", body, java.time.Instant.now().getEpochSecond(), "x")).body(body)
                .post(PATH).then().statusCode(401);
        String otherBody = event(UUID.randomUUID().toString(), "busy", "14155550128", number.substring(1), "0");
        given().contentType("application/json").header("Authorization", Signing.vonage(otherBody)).body(body)
                .post(PATH).then().statusCode(401).body("detail", equalTo("payload_hash does not match the body."));
        assertEquals(0, CallsTopic.forBusiness(business.businessId(), 0).size());

        String token = Signing.vonage(body);
        given().contentType("application/json").header("Authorization", token).body(body).post(PATH)
                .then().statusCode(200);
        given().contentType("application/json").header("Authorization", token).body(body).post(PATH)
                .then().statusCode(401).body("detail", equalTo("This token was already used."));
        assertEquals(1, CallsTopic.forBusiness(business.businessId(), 1).size());
    }

    @Test
    void malformedBodiesGetProblemsAndPublishNothing() {
        for (String bad : List.of("{not json", "[]", "{\"status\":\"busy\"}", "{\"status\":{\"a\":1},\"uuid\":\"x\",\"to\":\"1\"}",
                "{\"status\":\"busy\",\"uuid\":\"x\",\"to\":\"12125550100\",\"duration\":\"-5\"}",
                "{\"status\":\"busy\",\"uuid\":\"x'; drop table calls;--\",\"to\":\"12125550100\"}")) {
            signed(bad).post(PATH).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
    }

    @Test
    void otherMethodsGet405NamingTheAllowedOnes() {
        given().contentType("application/json").body("{}").put(PATH).then().statusCode(405)
                .header("Allow", "GET, POST").contentType("application/problem+json").body("status", equalTo(405));
        given().delete(PATH).then().statusCode(405);
    }

    @Test
    void aJsonContentTypeWithParametersIsJson() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String body = event(UUID.randomUUID().toString(), "failed", "14155550129", number.substring(1), "0");
        given().header("Content-Type", "Application/JSON ; charset=utf-8").header("Authorization", Signing.vonage(body))
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(PATH).then().statusCode(200)
                .body("outcome", equalTo("MISSED"));
        assertEquals(1, CallsTopic.forBusiness(business.businessId(), 1).size());
    }

    @Test
    void theOpenApiDocumentDescribesTheRouteBesideTheRestEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey(PATH))
                .body("paths", org.hamcrest.Matchers.hasKey("/webhooks/vonage/voice/answer"));
    }
}
