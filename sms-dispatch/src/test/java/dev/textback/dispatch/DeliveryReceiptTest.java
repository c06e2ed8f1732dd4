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
import static dev.textback.dispatch.support.Fixtures.vonageReceipt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub.Reply;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(VonageStubResource.class)
class DeliveryReceiptTest {
    private static final String RECEIPT = "/webhooks/vonage/sms/receipt";

    @Test
    void aReceiptPublishesDeliveredOnceHoweverOftenAndHoweverItArrives() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));
        JsonNode sent = body(awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0));
        String textId = sent.get("textId").asText();
        String messageId = sent.get("providerMessageId").asText();
        Map<String, String> receipt = vonageReceipt(messageId, textId, caller, "delivered");

        given().contentType(ContentType.JSON).body(json(receipt)).post(RECEIPT).then().statusCode(200);
        CloudEventRecord r = awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 1).get(0);
        assertValid("text-status-changed.v1.json", r);
        JsonNode e = body(r);
        assertEquals("DELIVERED", e.get("status").asText());
        assertEquals(textId, e.get("textId").asText());
        assertEquals(messageId, e.get("providerMessageId").asText());
        assertEquals(0, e.get("step").asInt());

        // Vonage retries, and accounts may deliver receipts as a form POST or a GET
        given().contentType(ContentType.URLENC).formParams(receipt).post(RECEIPT).then().statusCode(200);
        given().queryParams(receipt).get(RECEIPT).then().statusCode(200);
        settle();
        assertEquals(1, events(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED).size());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads[0].texts[0].deliveryStatus", equalTo("DELIVERED"));
    }

    @Test
    void aTextWhoseSendTimedOutIsUnknownUntilAReceiptReconcilesIt() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        VonageStubResource.stub().script(caller, Reply.tooLate(3000));
        publishCall(missedCall(b, caller, Instant.now()));

        CloudEventRecord unknown = awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 1).get(0);
        assertValid("text-status-changed.v1.json", unknown);
        assertEquals("UNKNOWN", body(unknown).get("status").asText());
        String textId = body(unknown).get("textId").asText();
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .body("leads[0].texts[0].state", equalTo("UNKNOWN"));

        // the receipt proves Vonage had it: SENT after all, and it was never sent twice
        given().contentType(ContentType.JSON).body(json(vonageReceipt("m-" + UUID.randomUUID(), textId, caller,
                "delivered"))).post(RECEIPT).then().statusCode(200);
        CloudEventRecord sent = awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0);
        assertValid("text-sent.v1.json", sent);
        assertEquals(textId, body(sent).get("textId").asText());
        JsonNode delivered = body(awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 2).get(1));
        assertEquals("DELIVERED", delivered.get("status").asText());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .body("leads[0].texts[0].state", equalTo("SENT"))
                .body("leads[0].texts[0].deliveryStatus", equalTo("DELIVERED"));
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());
    }

    @Test
    void intermediateAndUnmatchedReceiptsAreAcknowledgedAndIgnored() {
        String caller = randomPhone();
        String unknownText = UUID.randomUUID().toString();
        given().contentType(ContentType.URLENC).formParams(vonageReceipt("m-" + unknownText, unknownText, caller, "accepted"))
                .post(RECEIPT).then().statusCode(200);
        given().queryParams(vonageReceipt("m-" + unknownText, "not-a-uuid", caller, "delivered"))
                .get(RECEIPT).then().statusCode(200);
    }
}
