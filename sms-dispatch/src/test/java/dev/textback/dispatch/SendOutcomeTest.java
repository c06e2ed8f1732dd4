package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.assertValid;
import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.events;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub.Reply;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Provider answers other than "accepted", through the real Vonage SDK. */
@QuarkusTest
@WithTestResource(VonageStubResource.class)
class SendOutcomeTest {

    @Test
    void serverErrorsAndThrottlingAreRetriedUntilAccepted() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        VonageStubResource.stub().script(caller, Reply.http(503), Reply.status("1"));
        publishCall(missedCall(b, caller, Instant.now()));

        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);
        assertEquals(3, VonageStubResource.stub().submissionsTo(caller).size());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads[0].texts[0].state", equalTo("SENT"))
                .body("leads[0].texts[0].attempts", equalTo(3));
    }

    @Test
    void aRefusalFailsTheTextWithItsErrorCode() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        VonageStubResource.stub().script(caller, Reply.status("6"));
        publishCall(missedCall(b, caller, Instant.now()));

        CloudEventRecord r = awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 1).get(0);
        assertValid("text-status-changed.v1.json", r);
        JsonNode e = body(r);
        assertEquals("FAILED", e.get("status").asText());
        assertEquals("6", e.get("errorCode").asText());
        assertEquals(1, VonageStubResource.stub().submissionsTo(caller).size());
        assertEquals(0, events(b.id(), caller, TextTopic.TEXT_SENT).size());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads[0].texts[0].state", equalTo("FAILED"))
                .body("leads[0].texts[0].errorCode", equalTo("6"));
    }
}
