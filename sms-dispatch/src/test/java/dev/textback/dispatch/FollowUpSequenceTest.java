package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.bootstrap;
import static dev.textback.dispatch.support.Fixtures.events;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.json;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static dev.textback.dispatch.support.Fixtures.settle;
import static dev.textback.dispatch.support.Fixtures.vonageInbound;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallEnded;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import dev.textback.crm.events.FollowUpStep;
import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.TextTopic;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Follow-up sequences from the business profile (tests run a step "minute" as 0.2 s): sent in order
 * while the lead is silent, stopped by a reply or a conversion.
 */
@QuarkusTest
@WithTestResource(VonageStubResource.class)
class FollowUpSequenceTest {
    private static final String LINK = "https://book.example/acme";

    @Test
    void aSilentLeadGetsEveryStepInOrderWithTheBookingLink() {
        TestBusiness b = givenBusiness("America/New_York", 24, null, List.of(
                new FollowUpStep(1, 5, "Still need a hand? Book here: {booking_link}"),
                new FollowUpStep(2, 5, "Last note from {business}: call us any time.")), LINK);
        String caller = randomPhone();
        CallEnded call = missedCall(b, caller, Instant.now());
        publishCall(call);

        List<CloudEventRecord> sent = awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 3);
        settle();
        assertEquals(List.of(0, 1, 2), events(b.id(), caller, TextTopic.TEXT_SENT).stream()
                .map(e -> body(e).get("step").asInt()).sorted().toList(), "each step exactly once");
        List<VonageStub.Submission> s = VonageStubResource.stub().submissionsTo(caller);
        assertEquals(3, s.size());
        assertTrue(s.get(0).text().endsWith("Reply STOP to opt out."), s.get(0).text());
        assertEquals("Still need a hand? Book here: " + LINK, s.get(1).text());
        assertEquals("Last note from " + b.name() + ": call us any time.", s.get(2).text());
        JsonNode step1 = sent.stream().map(e -> body(e)).filter(e -> e.get("step").asInt() == 1).findFirst().get();
        JsonNode step0 = sent.stream().map(e -> body(e)).filter(e -> e.get("step").asInt() == 0).findFirst().get();
        assertEquals(call.callId(), step1.get("callId").asText(), "follow-ups belong to the same lead");
        assertTrue(Instant.parse(step1.get("acceptedAt").asText()).isAfter(
                Instant.parse(step0.get("acceptedAt").asText()).plusMillis(900)), "5 x 0.2 s after step 0");
    }

    @Test
    void aReplyStopsTheSequenceAndRecordsTheStepItAnswered() {
        TestBusiness b = givenBusiness("America/New_York", 24, null,
                List.of(new FollowUpStep(1, 40, "Still there?")), null);
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));
        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);
        // step 1 is due 8 s after step 0; the caller answers first
        given().formParams(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Tomorrow works"))
                .post("/webhooks/vonage/sms/inbound").then().statusCode(200);
        JsonNode reply = body(awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1).get(0));
        assertEquals(0, reply.get("afterStep").asInt());

        JsonPath lead = DecisionsTest.awaitLead(b, caller);
        assertEquals("CANCELLED", lead.getString("leads[0].texts[1].state"));
        assertEquals("REPLIED", lead.getString("leads[0].texts[1].errorCode"));
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());
    }

    @Test
    void aConversionStopsTheSequence() {
        TestBusiness b = givenBusiness("America/New_York", 24, null,
                List.of(new FollowUpStep(1, 40, "Still there?")), null);
        String caller = randomPhone();
        CallEnded call = missedCall(b, caller, Instant.now());
        publishCall(call);
        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);
        ConversionRecorded c = new ConversionRecorded("conv-" + UUID.randomUUID(), b.id(), "contact-1", caller,
                "appointment_booked", new BigDecimal("120.00"), "USD", false, Instant.now(), call.callId(), true, null,
                1, Instant.now());
        TopicWriter.send(bootstrap(), CrmTopic.NAME, CrmTopic.key(b.id(), caller), UUID.randomUUID().toString(),
                CrmTopic.CONVERSION_RECORDED, CrmTopic.SOURCE, json(c));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "CANCELLED"
                .equals(DecisionsTest.awaitLead(b, caller).getString("leads[0].texts[1].state")));
        assertEquals("CONVERTED", DecisionsTest.awaitLead(b, caller).getString("leads[0].texts[1].errorCode"));
        settle();
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());
        assertFalse(events(b.id(), caller, TextTopic.TEXT_SENT).stream().anyMatch(e -> body(e).get("step").asInt() == 1));
    }
}
