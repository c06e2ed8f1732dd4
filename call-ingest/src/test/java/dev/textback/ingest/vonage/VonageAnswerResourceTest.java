package dev.textback.ingest.vonage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.CloudEventRecord;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The answer webhook's NCCO and the forwarded leg: the leg's end, correlated through its event URL,
 * decides MISSED, ANSWERED or VOICEMAIL for the caller's call.
 */
@QuarkusTest
class VonageAnswerResourceTest {
    private static final String ANSWER = "/webhooks/vonage/voice/answer";
    private static final String FORWARD_TO = "+13125550199";

    private BusinessProfile forwardingBusiness(String number, int ringTimeout) throws Exception {
        return TestBusinesses.publish(TestBusinesses.profile("biz-" + UUID.randomUUID(), List.of(number), FORWARD_TO,
                ringTimeout, 1));
    }

    private JsonPath answer(String uuid, String caller, String number) {
        return given().header("Authorization", Signing.vonage(""))
                .queryParam("uuid", uuid).queryParam("conversation_uuid", "CON-" + uuid)
                .queryParam("from", caller).queryParam("to", number.substring(1))
                .get(ANSWER).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** Posts an event of the forwarded leg to the event URL the NCCO named, as Vonage would. */
    private void legEvent(URI eventUrl, String status, String duration, int expectedStatus) {
        String legUuid = UUID.randomUUID().toString();
        String body = VonageVoiceEventRouteTest.event(legUuid, status, "12125550000", FORWARD_TO.substring(1), duration);
        given().urlEncodingEnabled(false).contentType("application/json")
                .header("Authorization", Signing.vonage(body)).body(body)
                .post(eventUrl.getRawPath() + "?" + eventUrl.getRawQuery()).then().statusCode(expectedStatus);
    }

    @Test
    void nccoForwardsToTheBusinessPhoneWithItsRingTimeoutAndMachineDetection() throws Exception {
        String number = TestBusinesses.randomNumber();
        forwardingBusiness(number, 15);
        String uuid = UUID.randomUUID().toString();
        JsonPath ncco = answer(uuid, "14155550140", number);
        assertEquals(1, ncco.getList("$").size());
        assertEquals("connect", ncco.getString("[0].action"));
        assertEquals(15, ncco.getInt("[0].timeout"));
        assertEquals("continue", ncco.getString("[0].machineDetection"));
        assertEquals(number.substring(1), ncco.getString("[0].from"));
        assertEquals(List.of(Map.of("type", "phone", "number", FORWARD_TO.substring(1))), ncco.getList("[0].endpoint"));
        String eventUrl = ncco.getString("[0].eventUrl[0]");
        assertTrue(eventUrl.contains("/webhooks/vonage/voice/event?leg=forward&inbound=" + uuid), eventUrl);
        assertTrue(eventUrl.contains("caller=14155550140"), eventUrl);
    }

    @Test
    void theForwardedLegDecidesTheOutcomeOfTheCallersCall() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = forwardingBusiness(number, 20);
        Map<String, String> callers = Map.of("timeout", "14155550141", "machine", "14155550142",
                "completed", "14155550143", "cancelled", "14155550144");
        Map<String, String> expected = Map.of("timeout", "MISSED", "machine", "VOICEMAIL", "completed", "ANSWERED",
                "cancelled", "MISSED");
        for (var e : callers.entrySet()) {
            String inbound = UUID.randomUUID().toString();
            URI url = URI.create(answer(inbound, e.getValue(), number).getString("[0].eventUrl[0]"));
            legEvent(url, "ringing", "", 202);
            legEvent(url, e.getKey(), e.getKey().equals("completed") ? "61" : "0", 200);
        }
        // the inbound leg of a forwarding business ends "completed" whatever happened: ignored
        given().contentType("application/json").header("Authorization", Signing.vonage(
                VonageVoiceEventRouteTest.event("x1", "completed", "14155550141", number.substring(1), "25")))
                .body(VonageVoiceEventRouteTest.event("x1", "completed", "14155550141", number.substring(1), "25"))
                .post("/webhooks/vonage/voice/event").then().statusCode(202)
                .body("ignored", equalTo("decided-by-forwarded-leg"));

        List<CloudEventRecord> records = CallsTopic.forBusiness(business.businessId(), 4);
        assertEquals(4, records.size());
        for (CloudEventRecord r : records) {
            JsonNode call = CallsTopic.body(r);
            String status = callers.entrySet().stream().filter(c -> ("+" + c.getValue()).equals(call.get("caller").asText()))
                    .findFirst().orElseThrow().getKey();
            assertEquals(expected.get(status), call.get("outcome").asText(), status);
            assertEquals(number, call.get("called").asText(), "the number the caller dialled, not the forward-to");
        }
    }

    @Test
    void everyEventOfOneForwardedCallGivesTheSameEventId() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = forwardingBusiness(number, 20);
        URI url = URI.create(answer(UUID.randomUUID().toString(), "14155550145", number).getString("[0].eventUrl[0]"));
        legEvent(url, "machine", "", 200);
        legEvent(url, "completed", "30", 200);
        List<CloudEventRecord> records = CallsTopic.forBusiness(business.businessId(), 2);
        assertEquals(records.get(0).id(), records.get(1).id(), "the first final event wins downstream");
    }

    @Test
    void aBusinessWithoutForwardingHearsAMessageAndTheCallIsMissed() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        JsonPath ncco = answer(UUID.randomUUID().toString(), "14155550146", number);
        assertEquals("talk", ncco.getString("[0].action"));
        JsonNode call = CallsTopic.body(CallsTopic.forBusiness(business.businessId(), 1).get(0));
        assertEquals("MISSED", call.get("outcome").asText());
        assertEquals("answered:no-forward-number", call.get("reason").asText());
    }

    @Test
    void anUnroutedNumberIsNotInServiceAndAnUnsignedAnswerIsRefused() {
        JsonPath ncco = answer(UUID.randomUUID().toString(), "14155550147", "+12125550000");
        assertEquals(VonageAnswerResource.NOT_IN_SERVICE, ncco.getString("[0].text"));
        given().queryParam("uuid", "abc").queryParam("to", "12125550000").get(ANSWER).then().statusCode(401);
    }
}
