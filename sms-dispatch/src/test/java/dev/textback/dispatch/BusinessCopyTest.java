package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.awaitBusinessRevision;
import static dev.textback.dispatch.support.Fixtures.awaitEvents;
import static dev.textback.dispatch.support.Fixtures.body;
import static dev.textback.dispatch.support.Fixtures.bootstrap;
import static dev.textback.dispatch.support.Fixtures.givenBusiness;
import static dev.textback.dispatch.support.Fixtures.missedCall;
import static dev.textback.dispatch.support.Fixtures.publishBusiness;
import static dev.textback.dispatch.support.Fixtures.publishCall;
import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.TextTemplate;
import dev.textback.dispatch.support.Fixtures;
import dev.textback.dispatch.support.Fixtures.TestBusiness;
import dev.textback.dispatch.support.VonageStubResource;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The local copy of the businesses topic: revisions, disabling and tombstones. */
@QuarkusTest
@WithTestResource(VonageStubResource.class)
class BusinessCopyTest {

    private static BusinessProfile profile(TestBusiness b, boolean enabled, long revision) {
        return new BusinessProfile(b.id(), b.name(), "US", "America/Chicago", List.of(b.number()), null, enabled,
                List.of(new TextTemplate("A", "Hi from {business}", 1)), 12, BigDecimal.TEN, BigDecimal.ONE, "USD", 30,
                revision, Instant.now(), List.of(), null, List.of(), null, null);
    }

    @Test
    void anOlderRevisionIsIgnoredAndADisabledBusinessIsNotTexted() {
        TestBusiness b = givenBusiness();
        publishBusiness(profile(b, false, 3));
        awaitBusinessRevision(b.id(), 3);
        publishBusiness(profile(b, true, 2)); // stale: must not re-enable
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));

        assertEquals("BUSINESS_DISABLED",
                body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0)).get("reason").asText());
        given().get("/api/businesses/{id}", b.id()).then()
                .statusCode(200)
                .body("revision", equalTo(3))
                .body("enabled", equalTo(false))
                .body("numbers", hasSize(1))
                .body("dedupeWindowHours", equalTo(12));
    }

    @Test
    void aTombstoneDeletesTheBusiness() {
        TestBusiness b = givenBusiness();
        TopicWriter.send(bootstrap(), BusinessTopic.NAME, b.id(), UUID.randomUUID().toString(),
                BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE, null);
        await().atMost(Fixtures.WAIT).until(() -> given().get("/api/businesses/{id}", b.id()).jsonPath()
                .getBoolean("deleted"));
        String caller = randomPhone();
        publishCall(missedCall(b, caller, Instant.now()));
        assertEquals("BUSINESS_UNKNOWN",
                body(awaitEvents(b.id(), caller, TextTopic.TEXT_SUPPRESSED, 1).get(0)).get("reason").asText());
        given().get("/api/businesses/{id}", b.id()).then().body("numbers", hasSize(0));
    }
}
