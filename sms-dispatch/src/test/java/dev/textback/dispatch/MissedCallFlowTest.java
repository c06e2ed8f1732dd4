package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.assertValid;
import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.events;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static dev.textback.dispatch.support.Fixtures.settle;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.dispatch.lead.MissedCallHandler;
import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(VonageStubResource.class)
class MissedCallFlowTest {

    @Test
    void aMissedCallIsTextedOnceAndARepeatInsideTheWindowJoinsTheLead() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        Instant endedAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        CallEnded first = missedCall(b, caller, endedAt);
        String eventId = publishCall(first);

        CloudEventRecord sent = awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0);
        assertValid("text-sent.v1.json", sent);
        JsonNode e = body(sent);
        String leadId = MissedCallHandler.leadIdFor(first.callId());
        assertEquals(leadId, e.get("leadId").asText());
        assertEquals(first.callId(), e.get("callId").asText());
        assertEquals(caller, e.get("recipient").asText());
        assertEquals(b.number(), e.get("sender").asText());
        assertEquals(0, e.get("step").asInt());
        assertEquals(endedAt, Instant.parse(e.get("missedAt").asText()));
        assertEquals(1, e.get("segments").asInt());
        assertEquals(0, e.get("price").decimalValue().compareTo(new java.math.BigDecimal("0.0079")));
        assertEquals("USD", e.get("currency").asText());
        assertEquals(e.get("textId").asText(), sent.subject());

        List<VonageStub.Submission> submissions = VonageStubResource.stub().submissionsTo(caller);
        assertEquals(1, submissions.size());
        VonageStub.Submission s = submissions.get(0);
        assertEquals(b.number().substring(1), s.from(), "Vonage wants numbers without '+'");
        assertEquals(e.get("textId").asText(), s.clientRef());
        assertTrue(s.text().contains(b.name()), s.text());
        assertTrue(s.text().endsWith("Reply STOP to opt out."), s.text());
        assertTrue(s.authorization().startsWith("Basic "));

        // the same event again (a redelivery) and a second missed call inside the dedupe window
        publishCall(eventId, first);
        CallEnded second = missedCall(b, caller, endedAt.plus(5, ChronoUnit.MINUTES));
        publishCall(second);

        CloudEventRecord suppressed = awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0);
        assertValid("text-suppressed.v1.json", suppressed);
        JsonNode se = body(suppressed);
        assertEquals("DEDUPE_WINDOW", se.get("reason").asText());
        assertEquals(second.callId(), se.get("callId").asText());
        assertEquals(leadId, se.get("leadId").asText());

        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.TEXT_SENT).size());
        assertEquals(1, events(b.id(), caller, TextTopic.TEXT_SUPPRESSED).size());
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());

        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads", hasSize(1))
                .body("leads[0].leadId", equalTo(leadId))
                .body("leads[0].missedCalls", equalTo(2))
                .body("leads[0].calls", hasSize(2))
                .body("leads[0].texts", hasSize(1))
                .body("leads[0].texts[0].state", equalTo("SENT"))
                .body("leads[0].texts[0].attempts", equalTo(1));
    }

    @Test
    void aWithheldCallerIsSuppressed() {
        TestBusiness b = givenBusiness();
        CallEnded call = missedCall(b, null, Instant.now());
        publishCall(call);

        CloudEventRecord r = awaitEvents(b.id(), null, TextTopic.TEXT_SUPPRESSED, 1).get(0);
        assertValid("text-suppressed.v1.json", r);
        JsonNode e = body(r);
        assertEquals("CALLER_WITHHELD", e.get("reason").asText());
        assertTrue(e.get("leadId").isNull());
        assertTrue(e.get("recipient").isNull());
        assertEquals(call.callId(), e.get("callId").asText());
    }

    @Test
    void callsForAnUnknownBusinessOrFromItsOwnNumberAreSuppressed() {
        TestBusiness b = givenBusiness();
        CallEnded own = missedCall(b, b.number(), Instant.now());
        publishCall(own);
        String stranger = "biz-unknown-" + UUID.randomUUID();
        String caller = randomPhone();
        CallEnded unknown = new CallEnded("call-" + UUID.randomUUID(), "vonage", stranger, caller, true, randomPhone(),
                CallOutcome.VOICEMAIL, "voicemail", null, Instant.now(), 0);
        publishCall(unknown);

        assertEquals("OWN_NUMBER",
                body(awaitEvents(b.id(), b.number(), TextTopic.TEXT_SUPPRESSED, 1).get(0)).get("reason").asText());
        JsonNode e = body(awaitEvents(stranger, caller, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("BUSINESS_UNKNOWN", e.get("reason").asText());
        assertTrue(e.get("leadId").isNull());
    }

    @Test
    void aCallerWithoutLeadsIs404() {
        given().get("/api/businesses/{b}/leads/{p}", "biz-" + UUID.randomUUID(), randomPhone()).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"));
    }
}
