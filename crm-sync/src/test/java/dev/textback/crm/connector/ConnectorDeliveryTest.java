package dev.textback.crm.connector;

import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.kafka;
import static dev.textback.crm.CrmFixtures.phone;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.booking.Signatures;
import dev.textback.infra.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** HubSpot and the outbound webhook, against a local stub: what is sent, retries, and what stays undelivered. */
@QuarkusTest
class ConnectorDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static CrmStub stub;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void start() throws Exception {
        stub = new CrmStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void hubSpotGetsTheTaggedContactANotePerInteractionAndADealThatFollowsTheValue() throws Exception {
        String biz = businessId();
        String caller = phone();
        createBusiness(biz, phone());
        given().contentType(ContentType.JSON)
                .body(Map.of("accessToken", "pat-test", "url", stub.baseUrl()))
                .when().put("/api/businesses/" + biz + "/connectors/hubspot")
                .then().statusCode(200).body("enabled", equalTo(true)).body("accessTokenSet", equalTo(true))
                .body("accessToken", nullValue());

        CallEnded missed = new CallEnded("call-" + UUID.randomUUID(), "vonage", biz, caller, true, phone(),
                CallOutcome.MISSED, "unanswered", Instant.now().minusSeconds(40), Instant.now().minusSeconds(20), 0);
        TopicWriter.send(kafka(), CallTopic.NAME, CallTopic.key(biz, caller), UUID.randomUUID().toString(),
                CallTopic.CALL_ENDED, CallTopic.SOURCE, json.writeValueAsString(missed));

        // The first note is refused (503): it is retried after the backoff and then delivered.
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, notes(caller).size()));
        List<CrmStub.Request> notes = notes(caller);
        assertEquals(notes.get(0).body(), notes.get(1).body(), "the refused note was sent again, unchanged");
        JsonNode note = json.readTree(notes.get(1).body());
        assertTrue(note.at("/properties/hs_note_body").asText().contains("call.missed"));
        assertEquals(202, note.at("/associations/0/types/0/associationTypeId").asInt());
        assertEquals("HUBSPOT_DEFINED", note.at("/associations/0/types/0/associationCategory").asText());
        String contactId = note.at("/associations/0/to/id").asText();
        assertEquals("Bearer pat-test", notes.get(1).header("Authorization"));

        CrmStub.Request search = stub.matching(r -> r.path().endsWith("/contacts/search") && r.body().contains(caller))
                .get(0);
        JsonNode filter = json.readTree(search.body()).at("/filterGroups/0/filters/0");
        assertEquals("phone", filter.get("propertyName").asText());
        assertEquals("EQ", filter.get("operator").asText());
        await().atMost(WAIT).until(() -> !stub.matching(r -> r.path().startsWith("/crm/v3/objects/contacts")
                && !r.path().endsWith("/search") && r.body().contains("\"textback_tags\":\"missed-call-recovery\"")
                && (r.path().endsWith("/" + contactId) || r.body().contains(caller))).isEmpty());

        String conversionId = given().contentType(ContentType.JSON)
                .body(Map.of("phone", caller, "type", "sale", "value", 250))
                .when().post("/api/businesses/" + biz + "/conversions")
                .then().statusCode(201).extract().path("conversionId");
        await().atMost(WAIT).until(() -> !deals(contactId).isEmpty());
        JsonNode deal = json.readTree(deals(contactId).get(0).body());
        assertEquals("250", deal.at("/properties/amount").asText());
        assertEquals("USD", deal.at("/properties/deal_currency_code").asText());
        assertEquals(3, deal.at("/associations/0/types/0/associationTypeId").asInt());

        given().contentType(ContentType.JSON).body(Map.of("value", 300))
                .when().patch("/api/businesses/" + biz + "/conversions/" + conversionId)
                .then().statusCode(200);
        await().atMost(WAIT).until(() -> !stub.matching(r -> r.method().equals("PATCH")
                && r.path().startsWith("/crm/v3/objects/deals/") && r.body().contains("\"amount\":\"300\"")).isEmpty());
        assertEquals(1, deals(contactId).size(), "a value change updates the deal, it does not create another");

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/businesses/" + biz + "/deliveries")
                .then().statusCode(200).body("size()", equalTo(0)));
        given().when().get("/api/businesses/" + biz + "/deliveries?status=delivered")
                .then().statusCode(200).body("size()", equalTo(4)); // note, tag, deal, deal update
    }

    @Test
    void aRefusedTokenParksTheDeliveryAsFailedVisibleAndRetryable() {
        String biz = businessId();
        createBusiness(biz, phone());
        given().contentType(ContentType.JSON).body(Map.of("accessToken", "bad", "url", stub.baseUrl()))
                .when().put("/api/businesses/" + biz + "/connectors/hubspot").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("phone", phone(), "type", "sale", "value", 99))
                .when().post("/api/businesses/" + biz + "/conversions").then().statusCode(201);

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/businesses/" + biz + "/deliveries?status=failed")
                .then().statusCode(200).body("size()", equalTo(1))
                .body("[0].connector", equalTo("hubspot"))
                .body("[0].kind", equalTo("conversion"))
                .body("[0].attempts", equalTo(1))
                .body("[0].lastError", containsString("401")));
        int id = given().when().get("/api/businesses/" + biz + "/deliveries").then().extract().path("[0].id");

        given().contentType(ContentType.JSON).body(Map.of("accessToken", "pat-fixed"))
                .when().put("/api/businesses/" + biz + "/connectors/hubspot").then().statusCode(200);
        given().when().post("/api/businesses/" + biz + "/deliveries/" + id + "/retry")
                .then().statusCode(200).body("status", equalTo("PENDING")).body("attempts", equalTo(0));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/businesses/" + biz + "/deliveries")
                .then().statusCode(200).body("size()", equalTo(0)));

        given().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put("/api/businesses/" + businessId() + "/connectors/hubspot").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().put("/api/businesses/" + biz + "/connectors/webhook").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
    }

    @Test
    void theOutboundWebhookIsSignedWithTheConnectorSecret() throws Exception {
        String biz = businessId();
        createBusiness(biz, phone());
        String secret = given().contentType(ContentType.JSON).body(Map.of("url", stub.baseUrl() + "/hook/" + biz))
                .when().put("/api/businesses/" + biz + "/connectors/webhook")
                .then().statusCode(200).extract().path("secret");
        assertNotNull(secret);
        String caller = phone();
        given().contentType(ContentType.JSON).body(Map.of("phone", caller, "type", "form_completed"))
                .when().post("/api/businesses/" + biz + "/conversions").then().statusCode(201);

        await().atMost(WAIT).until(() -> !stub.matching(r -> r.path().equals("/hook/" + biz)).isEmpty());
        CrmStub.Request hook = stub.matching(r -> r.path().equals("/hook/" + biz)).get(0);
        assertEquals(Signatures.Check.VALID, Signatures.verify(hook.header(Signatures.HEADER),
                hook.body().getBytes(StandardCharsets.UTF_8), List.of(secret), Instant.now()));
        assertNotNull(hook.header("X-Textback-Delivery"));
        JsonNode body = json.readTree(hook.body());
        assertEquals("conversion", body.get("kind").asText());
        assertEquals(caller, body.get("phone").asText());
        assertTrue(body.at("/conversion/estimated").asBoolean());
    }

    /** Only this test's business uses the token pat-test and creates notes. */
    private List<CrmStub.Request> notes(String caller) {
        return stub.matching(r -> r.path().equals("/crm/v3/objects/notes") && r.body().contains("call.missed")
                && "Bearer pat-test".equals(r.header("Authorization")));
    }

    private List<CrmStub.Request> deals(String contactId) {
        return stub.matching(r -> r.method().equals("POST") && r.path().equals("/crm/v3/objects/deals")
                && r.body().contains("\"id\":\"" + contactId + "\""));
    }
}
