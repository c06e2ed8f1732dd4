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
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallEnded;
import dev.textback.crm.events.TextingWindow;
import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.texts.events.TextTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Every suppression reason this issue added, and quiet hours that defer instead of dropping. */
@QuarkusTest
@WithTestResource(VonageStubResource.class)
class DecisionsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MeterRegistry meters;

    @Test
    void aCallOlderThanTheMaximumAgeIsStale() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        double before = counted("STALE_CALL");
        CallEnded call = missedCall(b, caller, Instant.now().minus(7, ChronoUnit.HOURS));
        publishCall(call);

        JsonNode e = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("STALE_CALL", e.get("reason").asText());
        assertEquals(call.callId(), e.get("callId").asText());
        assertTrue(e.get("leadId").isNull(), "a stale call opens no lead");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> counted("STALE_CALL") == before + 1);
        assertEquals(0, VonageStubResource.stub().submissionsTo(caller).size());
    }

    @Test
    void aCertainLandlineIsNotTexted() {
        TestBusiness b = givenBusiness();
        String landline = "+442079460" + String.format("%03d", RANDOM.nextInt(1000)); // London fixed line
        publishCall(missedCall(b, landline, Instant.now()));

        JsonNode e = body(awaitEvents(b.id(), landline, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("LANDLINE", e.get("reason").asText());
        assertEquals(landline, e.get("recipient").asText());
        assertEquals(0, VonageStubResource.stub().submissionsTo(landline).size());
    }

    @Test
    void aCallerWhoRepliedRecentlyIsInAnActiveConversation() {
        // dedupe window off, so only the conversation keeps the second call from opening a new lead
        TestBusiness b = givenBusiness("America/New_York", 0, null, null, null);
        String caller = randomPhone();
        CallEnded first = missedCall(b, caller, Instant.now().minus(2, ChronoUnit.MINUTES));
        publishCall(first);
        String leadId = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0)).get("leadId").asText();
        java.util.Map<String, String> reply = new java.util.HashMap<>(
                vonageInbound("in-" + java.util.UUID.randomUUID(), caller, b.number(), "Can you come today?"));
        reply.put("message-timestamp", Instant.now().toString().replace('T', ' ').substring(0, 19));
        given().formParams(reply).post("/webhooks/vonage/sms/inbound").then().statusCode(200);
        awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1);

        CallEnded second = missedCall(b, caller, Instant.now());
        publishCall(second);
        JsonNode e = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("ACTIVE_CONVERSATION", e.get("reason").asText());
        assertEquals(second.callId(), e.get("callId").asText());
        assertEquals(leadId, e.get("leadId").asText(), "the call joins the conversation's lead");
        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.TEXT_SENT).size());
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());
    }

    @Test
    void quietHoursDeferTheTextToTheNextAllowedTimeAndNeverDropIt() {
        // A business in UTC whose own window excludes the current hour; +1555 numbers have no known
        // zone, so the business's zone is the recipient's.
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        int h = now.getHour();
        int start = h <= 20 ? h + 2 : h - 4;
        TestBusiness b = givenBusiness("UTC", 24, new TextingWindow(String.format("%02d:00", start),
                String.format("%02d:00", start + 1)), null, null);
        LocalDate day = start > h ? now.toLocalDate() : now.toLocalDate().plusDays(1);
        Instant expected = day.atTime(start, 0).toInstant(ZoneOffset.UTC);
        String caller = randomPhone();
        double before = meters.counter("textback.texts.deferred", "reason", "QUIET_HOURS").count();

        publishCall(missedCall(b, caller, Instant.now()));

        JsonPath lead = awaitLead(b, caller);
        assertEquals("TEXTED", lead.getString("leads[0].calls[0].decision"));
        assertEquals("PENDING", lead.getString("leads[0].texts[0].state"));
        assertEquals(expected, Instant.parse(lead.getString("leads[0].texts[0].nextAttemptAt")));
        assertEquals(expected, Instant.parse(lead.getString("leads[0].texts[0].deferredUntil")));
        assertEquals(0.0079, lead.getDouble("leads[0].texts[0].estimatedCost"), 1e-9, "one GSM-7 segment");
        assertTrue(meters.counter("textback.texts.deferred", "reason", "QUIET_HOURS").count() >= before + 1);
        settle();
        assertEquals(0, VonageStubResource.stub().submissionsTo(caller).size(), "nothing goes out in quiet hours");
        assertEquals(List.of(), events(b.id(), caller, TextTopic.TEXT_SUPPRESSED), "deferred, not suppressed");
    }

    static JsonPath awaitLead(TestBusiness b, String caller) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).statusCode() == 200);
        return given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then().statusCode(200)
                .body("businessId", equalTo(b.id())).extract().jsonPath();
    }

    private double counted(String reason) {
        return meters.counter("textback.texts.suppressed", "reason", reason).count();
    }
}
