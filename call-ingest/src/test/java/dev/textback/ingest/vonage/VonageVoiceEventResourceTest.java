package dev.textback.ingest.vonage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.EventSchemas;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicReader;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VonageVoiceEventResourceTest {

    private static String event(String uuid, String status, String from, String to, String duration) {
        return """
                {"headers":{},"from":"%s","to":"%s","uuid":"%s","conversation_uuid":"CON-%s",
                 "status":"%s","direction":"inbound","timestamp":"2026-11-20T15:04:05.000Z",
                 "start_time":null,"end_time":"2026-11-20T15:04:05.000Z","duration":"%s","rate":"0.01","price":"0"}
                """.formatted(from, to, uuid, uuid, status, duration);
    }

    private static List<CloudEventRecord> callsFor(String businessId, int min) {
        return TopicReader.await(TestInfrastructure.kafkaBootstrapServers(), CallTopic.NAME,
                r -> businessId.equals(r.subject()), min, Duration.ofSeconds(min == 0 ? 2 : 20));
    }

    @Test
    void unansweredCallBecomesOneMissedCallEndedEvenWhenRetried() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String uuid = UUID.randomUUID().toString();
        String body = event(uuid, "unanswered", "14155550123", number.substring(1), "0");

        given().contentType("application/json").body(body).post("/webhooks/vonage/voice/event")
                .then().statusCode(200).body("outcome", equalTo("MISSED"));
        given().contentType("application/json").body(body).post("/webhooks/vonage/voice/event")
                .then().statusCode(200);

        List<CloudEventRecord> records = callsFor(business.businessId(), 2);
        assertEquals(2, records.size(), "both deliveries are written");
        assertEquals(records.get(0).id(), records.get(1).id(), "a retried webhook keeps its event id");
        CloudEventRecord record = records.get(0);
        assertEquals(CallTopic.CALL_ENDED, record.type());
        assertEquals(business.businessId() + ":+14155550123", record.key());
        assertEquals(List.of(), EventSchemas.violations("schemas/call-ended.v1.json", record.body()));
        JsonNode call = TestBusinesses.MAPPER.readTree(record.body());
        assertEquals("MISSED", call.get("outcome").asText());
        assertEquals("+14155550123", call.get("caller").asText());
        assertTrue(call.get("callerReachable").asBoolean());
        assertEquals(number, call.get("called").asText());
    }

    @Test
    void completedCallIsAnsweredAndWithheldCallerIsUnreachable() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        given().contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "completed", "14155550124", number.substring(1), "42"))
                .post("/webhooks/vonage/voice/event").then().statusCode(200).body("outcome", equalTo("ANSWERED"));
        given().contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "busy", "Restricted", number.substring(1), "0"))
                .post("/webhooks/vonage/voice/event").then().statusCode(200).body("outcome", equalTo("MISSED"));

        List<CloudEventRecord> records = callsFor(business.businessId(), 2);
        JsonNode withheld = TestBusinesses.MAPPER.readTree(records.get(1).body());
        assertNull(withheld.get("caller").textValue());
        assertEquals(false, withheld.get("callerReachable").asBoolean());
        assertEquals(List.of(), EventSchemas.violations("schemas/call-ended.v1.json", records.get(1).body()));
    }

    @Test
    void inProgressStatusesAndUnknownNumbersAreAcceptedAndNotPublished() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        given().contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "ringing", "14155550125", number.substring(1), ""))
                .post("/webhooks/vonage/voice/event").then().statusCode(202);
        given().contentType("application/json")
                .body(event(UUID.randomUUID().toString(), "unanswered", "14155550125", "12125550000", "0"))
                .post("/webhooks/vonage/voice/event").then().statusCode(202);
        assertEquals(0, callsFor(business.businessId(), 0).size());
    }

    @Test
    void malformedBodiesGetProblemsAndPublishNothing() {
        for (String bad : List.of("{not json", "[]", "{\"status\":\"busy\"}", "{\"status\":{\"a\":1},\"uuid\":\"x\",\"to\":\"1\"}",
                "{\"status\":\"busy\",\"uuid\":\"x\",\"to\":\"12125550100\",\"duration\":\"-5\"}")) {
            given().contentType("application/json").body(bad).post("/webhooks/vonage/voice/event")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }
}
