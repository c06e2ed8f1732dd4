package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.assertValid;
import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.events;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.json;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static dev.textback.dispatch.support.Fixtures.settle;
import static dev.textback.dispatch.support.Fixtures.vonageInbound;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.lead.MissedCall;
import dev.textback.dispatch.lead.MissedCallHandler;
import dev.textback.dispatch.lead.MissedCallRepository;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.TextState;
import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.texts.events.TextTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(VonageStubResource.class)
class InboundSmsTest {
    private static final String INBOUND = "/webhooks/vonage/sms/inbound";

    @Test
    void anAnswerToOurTextIsAReplyToTheLead() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        var call = missedCall(b, caller, Instant.now());
        publishCall(call);
        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);

        String messageId = "in-" + UUID.randomUUID();
        Map<String, String> sms = vonageInbound(messageId, caller, b.number(), "Yes please call me");
        given().contentType(ContentType.JSON).body(json(sms)).post(INBOUND).then().statusCode(200);

        CloudEventRecord r = awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1).get(0);
        assertValid("reply-received.v1.json", r);
        JsonNode e = body(r);
        assertEquals(messageId, e.get("replyId").asText());
        assertEquals(MissedCallHandler.leadIdFor(call.callId()), e.get("leadId").asText());
        assertEquals(caller, e.get("sender").asText());
        assertEquals("Yes please call me", e.get("text").asText());
        assertEquals(0, e.get("afterStep").asInt());

        // the provider retrying the same message, this time as a form POST
        given().contentType(ContentType.URLENC).formParams(sms).post(INBOUND).then().statusCode(200);
        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.REPLY_RECEIVED).size());
        assertEquals(0, events(b.id(), caller, TextTopic.OPT_OUT_CHANGED).size());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads[0].repliedAt", equalTo("2026-01-01T12:01:00Z"));
    }

    @Test
    void stopOptsOutAndALaterMissedCallIsNotTexted() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        given().queryParams(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "STOP")).get(INBOUND).then()
                .statusCode(200);

        CloudEventRecord r = awaitEvents(b.id(), caller, TextTopic.OPT_OUT_CHANGED, 1).get(0);
        assertValid("opt-out-changed.v1.json", r);
        JsonNode e = body(r);
        assertTrue(e.get("optedOut").asBoolean());
        assertEquals("STOP", e.get("keyword").asText());
        assertEquals(caller, e.get("phone").asText());

        var call = missedCall(b, caller, Instant.now());
        publishCall(call);
        JsonNode suppressed = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("OPTED_OUT", suppressed.get("reason").asText());
        assertEquals(MissedCallHandler.leadIdFor(call.callId()), suppressed.get("leadId").asText());

        // START opts back in: not a reply either
        given().contentType(ContentType.URLENC).formParams(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(),
                "start")).post(INBOUND).then().statusCode(200);
        JsonNode optIn = body(awaitEvents(b.id(), caller, TextTopic.OPT_OUT_CHANGED, 1,
                n -> !n.get("optedOut").asBoolean()).get(0));
        assertEquals("START", optIn.get("keyword").asText());

        settle();
        // only the two confirmations (opted out, opted back in), never the missed-call text
        List<String> sent = VonageStubResource.stub().submissionsTo(caller).stream().map(s -> s.text()).toList();
        assertEquals(2, sent.size(), sent.toString());
        assertTrue(sent.get(0).contains("unsubscribed") && sent.get(1).contains("subscribed again"), sent.toString());
        assertEquals(0, events(b.id(), caller, TextTopic.TEXT_SENT).size());
        assertEquals(0, events(b.id(), caller, TextTopic.REPLY_RECEIVED).size());
        assertFalse(events(b.id(), caller, TextTopic.OPT_OUT_CHANGED).isEmpty());
    }

    @Inject
    LeadRepository leads;
    @Inject
    MissedCallRepository missedCalls;
    @Inject
    OutboundTextRepository texts;

    @Test
    void stopCancelsATextThatHasNotGoneOutAndReportsTheCallSuppressed() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        String callId = "call-" + UUID.randomUUID();
        String leadId = MissedCallHandler.leadIdFor(callId);
        UUID textId = MissedCallHandler.textIdFor(leadId, 0);
        Instant missedAt = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // a first text waiting for a retry an hour from now (e.g. after throttling)
        QuarkusTransaction.requiringNew().run(() -> {
            Lead lead = new Lead();
            lead.id = leadId;
            lead.businessId = b.id();
            lead.phone = caller;
            lead.callId = callId;
            lead.missedAt = missedAt;
            lead.lastMissedAt = missedAt;
            lead.missedCalls = 1;
            lead.createdAt = missedAt;
            leads.persist(lead);
            MissedCall call = new MissedCall();
            call.callId = callId;
            call.businessId = b.id();
            call.caller = caller;
            call.leadId = leadId;
            call.endedAt = missedAt;
            call.decision = MissedCall.TEXTED;
            call.decidedAt = missedAt;
            missedCalls.persist(call);
            OutboundText t = new OutboundText();
            t.id = textId;
            t.leadId = leadId;
            t.businessId = b.id();
            t.step = 0;
            t.recipient = caller;
            t.sender = b.number();
            t.variant = "A";
            t.body = "Sorry we missed you. Reply STOP to opt out.";
            t.segments = 1;
            t.state = TextState.PENDING;
            t.attempts = 1;
            t.errorCode = "1";
            t.nextAttemptAt = Instant.now().plusSeconds(3600);
            t.createdAt = missedAt;
            t.updatedAt = missedAt;
            texts.persist(t);
        });

        given().contentType(ContentType.JSON)
                .body(json(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), "Please stop texting me")))
                .post(INBOUND).then().statusCode(200);

        JsonNode optOut = body(awaitEvents(b.id(), caller, TextTopic.OPT_OUT_CHANGED, 1).get(0));
        assertEquals("stop texting", optOut.get("keyword").asText());
        assertEquals(leadId, optOut.get("leadId").asText());
        JsonNode suppressed = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0));
        assertEquals("OPTED_OUT", suppressed.get("reason").asText());
        assertEquals(callId, suppressed.get("callId").asText());
        assertEquals(leadId, suppressed.get("leadId").asText());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("optedOut", equalTo(true))
                .body("leads[0].texts[0].state", equalTo("CANCELLED"))
                .body("leads[0].calls[0].decision", equalTo("OPTED_OUT"));
        settle();
        List<String> sent = VonageStubResource.stub().submissionsTo(caller).stream().map(s -> s.text()).toList();
        assertEquals(1, sent.size(), "only the opt-out confirmation: " + sent);
        assertTrue(sent.get(0).contains("unsubscribed"), sent.toString());
    }

    @Test
    void aMessageToANumberNoBusinessHasIsAcknowledged() {
        given().contentType(ContentType.JSON)
                .body(json(vonageInbound("in-" + UUID.randomUUID(), randomPhone(), randomPhone(), "hello")))
                .post(INBOUND).then().statusCode(200);
    }
}
