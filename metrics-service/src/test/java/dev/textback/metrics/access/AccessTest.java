package dev.textback.metrics.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.infra.ApiAccessCheck;
import dev.textback.infra.TestTokens;
import dev.textback.metrics.fold.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 5, access: every /api endpoint of metrics-service, found from the JAX-RS annotations (a new one
 * is checked without editing this class; one without {businessId} fails until it is listed below with
 * the test that proves its scoping, or made admin-only with @RolesAllowed("admin")).
 */
@QuarkusTest
class AccessTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void everyApiEndpointRefusesMissingInvalidAndOtherBusinessesTokens() {
        ApiAccessCheck.forPackage("dev.textback.metrics")
                .coveredElsewhere("GET /api/businesses", "AccessTest.listingShowsOnlyTheTokensBusinesses")
                .assertAll();
    }

    @Test
    void listingShowsOnlyTheTokensBusinesses() {
        TestEvents a = new TestEvents(mapper, "biz-" + UUID.randomUUID());
        TestEvents b = new TestEvents(mapper, "biz-" + UUID.randomUUID());
        a.profile("America/New_York", "99.00", 1);
        b.profile("America/Chicago", "149.00", 1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/businesses").then().statusCode(200).body("id", hasItems(a.businessId(), b.businessId())));

        given().auth().oauth2(TestTokens.business(a.businessId())).get("/api/businesses")
                .then().statusCode(200).body("id", hasItem(a.businessId())).body("id", not(hasItem(b.businessId())));
        given().auth().oauth2(TestTokens.business("biz-nobody-" + UUID.randomUUID())).get("/api/businesses")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo(List.of()));
    }
}
