package dev.textback.ingest.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;

/** Numbers added, moved and removed on the businesses topic take effect without a restart. */
@QuarkusTest
class RoutingUpdatesTest {

    private static String routedTo(String number) {
        var r = given().get("/api/routing/" + number);
        return r.statusCode() == 200 ? r.path("businessId") : null;
    }

    private static void awaitRoute(String number, String businessId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Objects.equals(businessId, routedTo(number)));
    }

    @Test
    void aNumberMovedToAnotherBusinessRoutesThereAndADeletedBusinessRoutesNowhere() throws Exception {
        String moving = TestBusinesses.randomNumber();
        String keptByA = TestBusinesses.randomNumber();
        BusinessProfile a = TestBusinesses.publish(TestBusinesses.profile("biz-a-" + UUID.randomUUID(),
                List.of(keptByA, moving), null, null, 1));
        awaitRoute(moving, a.businessId());

        // crm-sync publishes the new owner first, then the old owner without the number
        BusinessProfile b = TestBusinesses.profile("biz-b-" + UUID.randomUUID(), List.of(moving), null, null, 1);
        TestBusinesses.send(b.businessId(), TestBusinesses.MAPPER.writeValueAsString(b));
        BusinessProfile a2 = TestBusinesses.profile(a.businessId(), List.of(keptByA), null, null, 2);
        TestBusinesses.send(a.businessId(), TestBusinesses.MAPPER.writeValueAsString(a2));
        awaitRoute(moving, b.businessId());
        awaitRoute(keptByA, a.businessId());

        String body = "{\"uuid\":\"" + UUID.randomUUID() + "\",\"status\":\"busy\",\"from\":\"14155550181\",\"to\":\""
                + moving.substring(1) + "\",\"duration\":\"0\"}";
        given().contentType("application/json").header("Authorization", dev.textback.ingest.Signing.vonage(body))
                .body(body).post("/webhooks/vonage/voice/event").then().statusCode(200);
        assertEquals(1, CallsTopic.forBusiness(b.businessId(), 1).size());

        TestBusinesses.send(b.businessId(), null); // tombstone
        awaitRoute(moving, null);
        given().get("/api/routing/" + moving).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOne() throws Exception {
        String current = TestBusinesses.randomNumber();
        String stale = TestBusinesses.randomNumber();
        String id = "biz-" + UUID.randomUUID();
        TestBusinesses.publish(TestBusinesses.profile(id, List.of(current), null, null, 5));
        BusinessProfile old = TestBusinesses.profile(id, List.of(stale), null, null, 4);
        TestBusinesses.send(id, TestBusinesses.MAPPER.writeValueAsString(old));
        // a later business on the same partition as a marker: once it routes, the stale snapshot
        // before it has been read too
        String marker = TestBusinesses.randomNumber();
        String markerId = samePartitionAs(id);
        TestBusinesses.publish(TestBusinesses.profile(markerId, List.of(marker), null, null, 1));
        assertEquals(id, routedTo(current));
        assertEquals(null, routedTo(stale));
    }

    /** A business id whose key lands on the same partition of the businesses topic (3 partitions). */
    private static String samePartitionAs(String id) {
        int target = partition(id);
        while (true) {
            String candidate = "biz-" + UUID.randomUUID();
            if (partition(candidate) == target) {
                return candidate;
            }
        }
    }

    private static int partition(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
    }

    @Test
    void readinessIsUpOnceTheRoutingTableCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("routing-table")));
        given().get("/q/health/ready").then().body("checks.find { it.name == 'routing-table' }.status", equalTo("UP"));
    }
}
