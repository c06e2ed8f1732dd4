package dev.textback.ingest.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.ApiAccessCheck;
import dev.textback.infra.TestTokens;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 5, access: every /api endpoint of call-ingest, found from the JAX-RS annotations (a new one is
 * checked without editing this class; one without {businessId} fails until it is listed below with
 * the test that proves its scoping, or made admin-only). Webhooks are not /api: they keep their
 * provider signatures.
 */
@QuarkusTest
class AccessTest {

    @Test
    void everyApiEndpointRefusesMissingInvalidAndOtherBusinessesTokens() {
        ApiAccessCheck.forPackage("dev.textback.ingest")
                .sample("number", TestBusinesses.randomNumber())
                .coveredElsewhere("GET /api/routing/{number}", "AccessTest.routingAnswersOnlyForTheTokensOwnNumbers")
                .assertAll();
    }

    @Test
    void routingAnswersOnlyForTheTokensOwnNumbers() throws Exception {
        BusinessProfile a = TestBusinesses.publish(TestBusinesses.randomNumber());
        BusinessProfile b = TestBusinesses.publish(TestBusinesses.randomNumber());

        given().auth().oauth2(TestTokens.business(a.businessId())).when().get("/api/routing/" + a.numbers().get(0))
                .then().statusCode(200).body("businessId", equalTo(a.businessId()));
        // another business's number looks exactly like one nobody owns
        given().auth().oauth2(TestTokens.business(a.businessId())).when().get("/api/routing/" + b.numbers().get(0))
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/routing/" + b.numbers().get(0))
                .then().statusCode(200).body("businessId", equalTo(b.businessId()));
    }
}
