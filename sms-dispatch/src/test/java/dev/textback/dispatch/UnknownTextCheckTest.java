package dev.textback.dispatch;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStub;
import dev.textback.dispatch.support.VonageStub.Reply;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.CloudEventRecord;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Texts left UNKNOWN without a receipt are settled by the provider's records (the stub plays
 * Vonage's Reports API): the ones it holds become SENT without a resend, the ones it never received
 * are sent again, once; while the records cannot be read nothing changes. The check runs every
 * second here, for texts whose submission started 2 s ago.
 */
@QuarkusTest
@TestProfile(UnknownTextCheckTest.QuickCheck.class)
@WithTestResource(VonageStubResource.class)
class UnknownTextCheckTest {

    public static class QuickCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("textback.unknown-check.after", "2s", "textback.unknown-check.interval", "1s");
        }
    }

    private static VonageStub stub() {
        return VonageStubResource.stub();
    }

    @Test
    void aTextTheProviderNeverReceivedIsSentAgainOnce() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        stub().script(caller, Reply.lost(2500)); // the client gives up after 1.5 s: UNKNOWN
        publishCall(missedCall(b, caller, Instant.now()));

        assertEquals("UNKNOWN", firstStatus(b, caller));
        CloudEventRecord sent = awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0);
        List<VonageStub.Submission> received = stub().submissionsTo(caller);
        assertEquals(1, received.size(), "the provider got the text once: the lost request never reached it");
        assertEquals(body(sent).get("textId").asText(), received.get(0).clientRef());
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .statusCode(200)
                .body("leads[0].texts.size()", equalTo(1))
                .body("leads[0].texts[0].state", equalTo("SENT"));
    }

    @Test
    void aTextTheProviderHoldsBecomesSentWithoutAResend() {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        stub().script(caller, Reply.tooLate(2500)); // accepted, answered after the client gave up
        publishCall(missedCall(b, caller, Instant.now()));

        assertEquals("UNKNOWN", firstStatus(b, caller));
        CloudEventRecord sent = awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1).get(0);
        assertTrue(body(sent).get("providerMessageId").asText().length() > 0, "the message id of the record");
        awaitNoMoreSubmissions();
        assertEquals(1, stub().submissionsTo(caller).size(), "held by the provider: never resent");
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .body("leads[0].texts[0].state", equalTo("SENT"));
    }

    @Test
    void whileTheRecordsCannotBeReadTheTextStaysUnknown() throws InterruptedException {
        TestBusiness b = givenBusiness();
        String caller = randomPhone();
        stub().recordsDown(caller);
        stub().script(caller, Reply.lost(2500));
        publishCall(missedCall(b, caller, Instant.now()));
        assertEquals("UNKNOWN", firstStatus(b, caller));
        int queriesBefore = stub().recordQueries();

        Thread.sleep(5000); // three rounds or more past the 2 s
        assertTrue(stub().recordQueries() > queriesBefore, "the check asked, and was refused");
        given().get("/api/businesses/{b}/leads/{p}", b.id(), caller).then()
                .body("leads[0].texts[0].state", equalTo("UNKNOWN"));
        assertEquals(0, stub().submissionsTo(caller).size());
        assertEquals(0, events(b.id(), caller, TextTopic.TEXT_SENT).size());

        stub().recordsUp(caller);
        awaitEvents(b.id(), caller, TextTopic.TEXT_SENT, 1);
        assertEquals(1, stub().submissionsTo(caller).size());
    }

    private static String firstStatus(TestBusiness b, String caller) {
        return body(awaitEvents(b.id(), caller, TextTopic.TEXT_STATUS_CHANGED, 1).get(0)).get("status").asText();
    }

    /** A wrong resend would follow the check within a second or two. */
    private static void awaitNoMoreSubmissions() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
