package dev.textback.ingest.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.TopicReader;
import dev.textback.infra.TopicWriter;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With the broker frozen (SIGSTOP) or gone (SIGKILL), webhooks get 503 within 2 seconds so the
 * provider retries; every webhook answered 200 is in the topic (lost = 0).
 */
@QuarkusTest
@TestProfile(OwnBrokerProfile.class)
class BrokerDownTest {
    private static final Logger LOG = Logger.getLogger(BrokerDownTest.class);

    private static Response post(String number, String callUuid) {
        String body = "{\"uuid\":\"" + callUuid + "\",\"status\":\"unanswered\",\"from\":\"14155550199\",\"to\":\""
                + number.substring(1) + "\",\"duration\":\"0\"}";
        return given().contentType("application/json").header("Authorization", Signing.vonage(body)).body(body)
                .post("/webhooks/vonage/voice/event");
    }

    private static void signal(String signal) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(OwnBrokerResource.broker.pid())).start();
        assertEquals(0, p.waitFor());
    }

    @Test
    void aFrozenOrDeadBrokerGives503Within2SecondsAndNothingAcknowledgedIsLost() throws Exception {
        String bootstrap = OwnBrokerResource.broker.bootstrapServers();
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.profile("biz-" + UUID.randomUUID(), List.of(number), null, null, 1);
        TopicWriter.send(bootstrap, BusinessTopic.NAME, business.businessId(), UUID.randomUUID().toString(),
                BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE, TestBusinesses.MAPPER.writeValueAsString(business));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/routing/" + number).statusCode() == 200);

        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Response r = post(number, UUID.randomUUID().toString());
            assertEquals(200, r.statusCode());
            acknowledged.add(r.path("eventId"));
        }

        signal("STOP");
        List<Long> refusedMillis = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                Response r = post(number, UUID.randomUUID().toString());
                long millis = (System.nanoTime() - start) / 1_000_000;
                r.then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("5"));
                refusedMillis.add(millis);
            }
        } finally {
            signal("CONT");
        }
        LOG.infof("frozen broker: 503 after %s ms", refusedMillis);
        assertTrue(refusedMillis.stream().allMatch(ms -> ms < 2000), "503 within 2 s: " + refusedMillis);

        // the broker is back: webhooks succeed again without a restart of call-ingest
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response r = post(number, UUID.randomUUID().toString());
            if (r.statusCode() == 200) {
                acknowledged.add(r.path("eventId"));
                return true;
            }
            return false;
        });

        List<CloudEventRecord> written = TopicReader.await(bootstrap, CallTopic.NAME,
                r -> business.businessId().equals(r.subject()), acknowledged.size(), Duration.ofSeconds(20));
        Set<String> writtenIds = new HashSet<>();
        written.forEach(r -> writtenIds.add(r.id()));
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(writtenIds);
        LOG.infof("acknowledged %d, written %d (503 ones may land later: at least once), lost %d",
                acknowledged.size(), writtenIds.size(), lost.size());
        assertEquals(Set.of(), lost, "every acknowledged webhook is in the topic");

        signal("KILL");
        List<Long> goneMillis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            post(number, UUID.randomUUID().toString()).then().statusCode(503);
            goneMillis.add((System.nanoTime() - start) / 1_000_000);
        }
        LOG.infof("dead broker: 503 after %s ms", goneMillis);
        assertTrue(goneMillis.stream().allMatch(ms -> ms < 2000), "503 within 2 s: " + goneMillis);
    }
}
