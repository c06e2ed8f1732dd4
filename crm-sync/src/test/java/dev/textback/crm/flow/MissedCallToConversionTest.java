package dev.textback.crm.flow;

import static dev.textback.crm.CrmFixtures.await;
import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.kafka;
import static dev.textback.crm.CrmFixtures.phone;
import static dev.textback.crm.CrmFixtures.readAll;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.EventSchemas;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A missed call makes a tagged contact; a later booking from that caller is recovered revenue. */
@QuarkusTest
class MissedCallToConversionTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    ObjectMapper json;

    @Test
    void missedCallTagsTheContactOnceAndALaterConversionIsAttributedToIt() throws Exception {
        String biz = businessId();
        String businessNumber = phone();
        String caller = phone();
        createBusiness(biz, businessNumber);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallEnded first = call(biz, caller, businessNumber, CallOutcome.MISSED, now.minus(Duration.ofHours(3)));
        CallEnded second = call(biz, caller, businessNumber, CallOutcome.VOICEMAIL, now.minus(Duration.ofHours(1)));
        CallEnded answered = call(biz, caller, businessNumber, CallOutcome.ANSWERED, now.minus(Duration.ofMinutes(30)));
        String firstEventId = UUID.randomUUID().toString();
        send(first, firstEventId);
        send(first, firstEventId); // a redelivery: must change nothing
        send(second, UUID.randomUUID().toString());
        send(answered, UUID.randomUUID().toString());

        // Same partition, in order: once the answered call is on the timeline, everything before was applied.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/api/businesses/{id}/contacts/{phone}", biz, caller)
                        .then().statusCode(200)
                        .body("timeline.refId", hasItem(answered.callId())));

        JsonPath contact = given().when().get("/api/businesses/{id}/contacts/{phone}", biz, caller)
                .then().statusCode(200)
                .body("phone", equalTo(caller))
                .body("tags", equalTo(List.of("missed-call-recovery")))
                .extract().jsonPath();
        assertEquals(List.of("call.missed", "call.voicemail", "call.answered"), contact.getList("timeline.kind"));
        String contactId = contact.getString("contactId");

        given().when().get("/api/businesses/" + biz + "/contacts?tag=missed-call-recovery")
                .then().statusCode(200).body("items.phone", equalTo(List.of(caller))).body("nextCursor", nullValue());

        List<CloudEventRecord> tagged = await(CrmTopic.NAME, r -> CrmTopic.key(biz, caller).equals(r.key())
                && CrmTopic.CONTACT_TAGGED.equals(r.type()), 1);
        Thread.sleep(1_000); // give a duplicate every chance to show up
        tagged = readAll(CrmTopic.NAME, r -> CrmTopic.key(biz, caller).equals(r.key())
                && CrmTopic.CONTACT_TAGGED.equals(r.type()));
        assertEquals(1, tagged.size(), "ContactTagged is published once per contact and tag");
        assertEquals(List.of(), EventSchemas.violations("schemas/contact-tagged.v1.json", tagged.get(0).body()));
        assertEquals(contactId, json.readTree(tagged.get(0).body()).get("contactId").asText());

        // The booking system sends the caller's number in national format.
        String externalId = "booking-" + UUID.randomUUID();
        Map<String, Object> booking = Map.of("phone", caller.substring(2), "type", "appointment_booked",
                "value", 250, "externalId", externalId);
        JsonPath created = given().contentType(ContentType.JSON).body(booking)
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(201)
                .body("leadCallId", equalTo(second.callId()))
                .body("recovered", equalTo(true))
                .body("estimated", equalTo(false))
                .body("phone", equalTo(caller))
                .body("contactId", equalTo(contactId))
                .body("revision", equalTo(1))
                .extract().jsonPath();
        String conversionId = created.getString("conversionId");

        // The same externalId again is the same conversion and publishes nothing new.
        given().contentType(ContentType.JSON).body(booking)
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(200).body("conversionId", equalTo(conversionId));

        List<CloudEventRecord> recorded = await(CrmTopic.NAME,
                r -> CrmTopic.CONVERSION_RECORDED.equals(r.type()) && conversionId.equals(r.subject()), 1);
        assertEquals(CrmTopic.key(biz, caller), recorded.get(0).key());
        assertEquals(List.of(), EventSchemas.violations("schemas/conversion-recorded.v1.json", recorded.get(0).body()));
        JsonNode event = json.readTree(recorded.get(0).body());
        assertEquals(second.callId(), event.get("leadCallId").asText());
        assertTrue(event.get("recovered").asBoolean());
        assertEquals(250, event.get("value").asInt());

        // The invoice arrives later: a new revision, published again.
        given().contentType(ContentType.JSON).body(Map.of("value", 310.5))
                .when().patch("/api/businesses/" + biz + "/conversions/" + conversionId)
                .then().statusCode(200).body("revision", equalTo(2)).body("value", equalTo(310.5f));
        recorded = await(CrmTopic.NAME,
                r -> CrmTopic.CONVERSION_RECORDED.equals(r.type()) && conversionId.equals(r.subject()), 2);
        assertEquals(2, recorded.size(), "one record for the POST (the repeat added none), one for the PATCH");
        assertEquals(2, json.readTree(recorded.get(1).body()).get("revision").asInt());

        given().when().get("/api/businesses/" + biz + "/conversions")
                .then().statusCode(200).body("conversionId", equalTo(List.of(conversionId)));
    }

    @Test
    void aConversionWithoutValueIsEstimatedWithTheAverageAndUnattributedWithoutAMissedCall() throws Exception {
        String biz = businessId();
        createBusiness(biz, phone());
        String customer = phone();
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("phone", customer, "type", "form_completed"))
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(201)
                .body("estimated", equalTo(true))
                .body("value", equalTo(180))
                .body("currency", equalTo("USD"))
                .body("recovered", equalTo(false))
                .body("leadCallId", nullValue())
                .extract().jsonPath();
        String conversionId = created.getString("conversionId");
        List<CloudEventRecord> recorded = await(CrmTopic.NAME,
                r -> CrmTopic.CONVERSION_RECORDED.equals(r.type()) && conversionId.equals(r.subject()), 1);
        assertEquals(List.of(), EventSchemas.violations("schemas/conversion-recorded.v1.json", recorded.get(0).body()));
        JsonNode event = json.readTree(recorded.get(0).body());
        assertTrue(event.get("estimated").asBoolean());
        assertEquals(180, event.get("value").asInt());
    }

    @Test
    void badConversionRequestsAreProblems() {
        given().contentType(ContentType.JSON).body(Map.of("phone", phone(), "type", "sale"))
                .when().post("/api/businesses/" + businessId() + "/conversions")
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("status", equalTo(404));

        String biz = businessId();
        createBusiness(biz, phone());
        given().contentType(ContentType.JSON).body("{\"phone\": \"+12125550147\", \"type\": ")
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(400).contentType(startsWith(PROBLEM)).body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"phone\": \"+12125550147\", \"type\": \"sale\", \"occurredAt\": \"yesterday\"}")
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(400).contentType(startsWith(PROBLEM)).body("errors[0].field", equalTo("occurredAt"));
        given().contentType(ContentType.JSON).body(Map.of("phone", "123", "value", -1))
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("errors.field", equalTo(List.of("phone", "type", "value")));
        given().when().get("/api/businesses/" + biz + "/conversions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void textsEventsBuildTheTimelineAndAPoisonEventGoesToTheDeadLetterTopic() throws Exception {
        String biz = businessId();
        String caller = phone();
        String key = TextTopic.key(biz, caller);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String poisonId = UUID.randomUUID().toString();
        TopicWriter.send(kafka(), TextTopic.NAME, key, poisonId, TextTopic.TEXT_SENT, TextTopic.SOURCE, "{not json");
        TopicWriter.send(kafka(), TextTopic.NAME, key, UUID.randomUUID().toString(), "textback.unknown.v9",
                TextTopic.SOURCE, "{}");
        ReplyReceived reply = new ReplyReceived("reply-" + UUID.randomUUID(), "lead-1", biz, caller, "Can I book?", 0,
                now.minusSeconds(60));
        TopicWriter.send(kafka(), TextTopic.NAME, key, UUID.randomUUID().toString(), TextTopic.REPLY_RECEIVED,
                TextTopic.SOURCE, json.writeValueAsString(reply));
        OptOutChanged stop = new OptOutChanged(biz, caller, true, "STOP", "lead-1", now);
        TopicWriter.send(kafka(), TextTopic.NAME, key, UUID.randomUUID().toString(), TextTopic.OPT_OUT_CHANGED,
                TextTopic.SOURCE, json.writeValueAsString(stop));

        // The business is created after its events: they were recorded anyway.
        createBusiness(biz, phone());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/api/businesses/{id}/contacts/{phone}", biz, caller)
                        .then().statusCode(200)
                        .body("optedOut", equalTo(true))
                        .body("timeline.kind", equalTo(List.of("reply", "opted-out")))
                        .body("timeline[0].detail", equalTo("Can I book?"))
                        .body("tags", equalTo(List.of())));
        assertEquals(1, await("textback.crm-sync.dlq.v1", r -> key.equals(r.key()), 1).size());
    }

    private static CallEnded call(String biz, String caller, String called, CallOutcome outcome, Instant endedAt) {
        return new CallEnded("call-" + UUID.randomUUID(), "generic", biz, caller, true, called, outcome,
                outcome == CallOutcome.ANSWERED ? "completed" : "no-answer", endedAt.minusSeconds(20), endedAt,
                outcome == CallOutcome.ANSWERED ? 20 : 0);
    }

    private void send(CallEnded call, String eventId) throws Exception {
        TopicWriter.send(kafka(), CallTopic.NAME, CallTopic.key(call.businessId(), call.caller()), eventId,
                CallTopic.CALL_ENDED, CallTopic.SOURCE, json.writeValueAsString(call));
    }
}
