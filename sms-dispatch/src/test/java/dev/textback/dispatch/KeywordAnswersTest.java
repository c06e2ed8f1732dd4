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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** HELP, the one confirmation of STOP and START, concatenated inbound SMS and Messages API webhooks. */
@QuarkusTest
@WithTestResource(VonageStubResource.class)
class KeywordAnswersTest {
    private static final String INBOUND = "/webhooks/vonage/sms/inbound";

    @Test
    void stopIsConfirmedOnceStartIsConfirmedAndHelpNamesTheBusiness() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        inbound(caller, b, "HELP");
        awaitSubmissions(caller, 1);
        String help = submissions(caller).get(0).text();
        assertTrue(help.startsWith(b.name() + ":"), help);
        assertTrue(help.contains("Reply STOP to opt out"), help);
        assertEquals(b.number().substring(1), submissions(caller).get(0).from(), "answered from the number texted");

        inbound(caller, b, "STOP");
        inbound(caller, b, "stop");
        awaitEvents(b.id(), caller, TextTopic.OPT_OUT_CHANGED, 1);
        awaitSubmissions(caller, 2);
        settle();
        List<VonageStub.Submission> s = submissions(caller);
        assertEquals(2, s.size(), "one confirmation however often STOP comes");
        assertTrue(s.get(1).text().contains("unsubscribed"), s.get(1).text());
        assertEquals(1, events(b.id(), caller, TextTopic.OPT_OUT_CHANGED).size());

        inbound(caller, b, "START");
        awaitSubmissions(caller, 3);
        assertTrue(submissions(caller).get(2).text().contains("subscribed again"));
        assertEquals(List.of(), events(b.id(), caller, TextTopic.TEXT_SENT), "service texts are not lead texts");
        assertEquals(List.of(), events(b.id(), caller, TextTopic.REPLY_RECEIVED), "keywords are not replies");
    }

    @Test
    void theOptOutIsPerBusiness() {
        TestBusiness first = givenBusiness();
        TestBusiness second = givenBusiness();
        String caller = randomPhone();
        inbound(caller, first, "STOP");
        awaitEvents(first.id(), caller, TextTopic.OPT_OUT_CHANGED, 1);
        publishCall(missedCall(second, caller, Instant.now()));
        awaitEvents(second.id(), caller, TextTopic.TEXT_SENT, 1);
        publishCall(missedCall(first, caller, Instant.now()));
        assertEquals("OPTED_OUT",
                body(awaitEvents(first.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0)).get("reason").asText());
    }

    @Test
    void aConcatenatedMessageIsReadWhenItsLastPartArrivesInAnyOrder() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));
        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);
        String ref = String.valueOf(System.nanoTime() % 250);
        Map<String, String> part2 = part(caller, b, ref, 2, "at 5pm tomorrow please.");
        Map<String, String> part1 = part(caller, b, ref, 1, "Yes, could someone come by ");
        given().formParams(part2).post(INBOUND).then().statusCode(200);
        given().queryParams(part2).get(INBOUND).then().statusCode(200); // a retried part changes nothing
        settle();
        assertEquals(List.of(), events(b.id(), caller, TextTopic.REPLY_RECEIVED), "incomplete: nothing yet");
        given().contentType(ContentType.JSON).body(part1).post(INBOUND).then().statusCode(200);

        JsonNode reply = body(awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1).get(0));
        assertEquals("Yes, could someone come by at 5pm tomorrow please.", reply.get("text").asText());
        assertEquals(0, reply.get("afterStep").asInt());
    }

    @Test
    void messagesApiStatusAndInboundWebhooksWork() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));
        JsonNode sent = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0));
        String status = """
                {"message_uuid":"%s","to":"%s","from":"%s","timestamp":"2026-11-27T10:00:00Z",
                 "status":"delivered","client_ref":"%s","channel":"sms","usage":{"currency":"USD","price":"0.0081"}}
                """.formatted(sent.get("providerMessageId").asText(), caller.substring(1), b.number().substring(1),
                sent.get("textId").asText());
        given().contentType(ContentType.JSON).body(status).post("/webhooks/vonage/messages/status").then()
                .statusCode(200);
        given().contentType(ContentType.JSON).body(status).post("/webhooks/vonage/messages/status").then()
                .statusCode(200);
        JsonNode delivered = body(awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 1).get(0));
        assertEquals("DELIVERED", delivered.get("status").asText());
        assertEquals(0, delivered.get("price").decimalValue().compareTo(new java.math.BigDecimal("0.0081")));

        String in = """
                {"channel":"sms","message_uuid":"%s","to":"%s","from":"%s","timestamp":"2026-11-27T10:01:00Z",
                 "message_type":"text","text":"Thanks, see you then","sms":{"num_messages":"1"}}
                """.formatted(UUID.randomUUID(), b.number().substring(1), caller.substring(1));
        given().contentType(ContentType.JSON).body(in).post("/webhooks/vonage/messages/inbound").then().statusCode(200);
        assertEquals("Thanks, see you then",
                body(awaitEvents(b.id(), caller, TextTopic.REPLY_RECEIVED, 1).get(0)).get("text").asText());
        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED).size());
    }

    @Test
    void garbageMessagesApiWebhooksAre400AndChangeNothing() {
        given().contentType(ContentType.JSON).body("[1,2]").post("/webhooks/vonage/messages/status").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"status\":\"teleported\"}").post("/webhooks/vonage/messages/status")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("message_uuid", "status"));
        given().contentType(ContentType.JSON).body("{\"message_uuid\":\"x\",\"from\":\"abc\",\"to\":\"14155550100\"}")
                .post("/webhooks/vonage/messages/inbound").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("from"));
        given().contentType(ContentType.JSON).body("{not json").post("/webhooks/vonage/messages/inbound").then()
                .statusCode(400);
        given().formParams(Map.of("msisdn", "14155550100", "to", "14155550101", "messageId", "m1", "text", "x",
                "concat", "true", "concat-ref", "9", "concat-total", "two", "concat-part", "3"))
                .post(INBOUND).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("concat-total"));
    }

    private static Map<String, String> part(String caller, TestBusiness b, String ref, int n, String text) {
        Map<String, String> m = new HashMap<>(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), text));
        m.put("concat", "true");
        m.put("concat-ref", ref);
        m.put("concat-total", "2");
        m.put("concat-part", String.valueOf(n));
        return m;
    }

    private static void inbound(String caller, TestBusiness b, String text) {
        given().formParams(vonageInbound("in-" + UUID.randomUUID(), caller, b.number(), text)).post(INBOUND).then()
                .statusCode(200);
    }

    private static List<VonageStub.Submission> submissions(String caller) {
        return VonageStubResource.stub().submissionsTo(caller);
    }

    private static void awaitSubmissions(String caller, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> submissions(caller).size() >= n);
    }
}
