package dev.textback.crm.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.textback.crm.CrmFixtures;
import dev.textback.infra.ApiAccessCheck;
import dev.textback.infra.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 5, access: every /api endpoint of crm-sync, found from the JAX-RS annotations (a new endpoint
 * is checked without editing this class; one without {businessId} fails the check until it is listed
 * below with the test that proves its scoping, or made admin-only).
 */
@QuarkusTest
class AccessTest {

    @Test
    void everyApiEndpointRefusesMissingInvalidAndOtherBusinessesTokens() {
        ApiAccessCheck.forPackage("dev.textback.crm")
                .sample("phone", "+12125550123")
                .sample("conversionId", "00000000-0000-0000-0000-000000000000")
                .coveredElsewhere("GET /api/businesses", "AccessTest.listingShowsOnlyTheTokensBusinesses")
                .assertAll();
    }

    @Test
    void listingShowsOnlyTheTokensBusinesses() {
        String a = CrmFixtures.businessId();
        String b = CrmFixtures.businessId();
        CrmFixtures.createBusiness(a, CrmFixtures.phone());
        CrmFixtures.createBusiness(b, CrmFixtures.phone());

        given().auth().oauth2(TestTokens.business(a)).when().get("/api/businesses")
                .then().statusCode(200).body("businessId", hasItems(a)).body("businessId", not(hasItems(b)));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/businesses")
                .then().statusCode(200).body("businessId", hasItems(a, b));
        // and the business it may see, it sees in full; the other is "not found", not "forbidden"
        given().auth().oauth2(TestTokens.business(a)).when().get("/api/businesses/" + a)
                .then().statusCode(200).body("businessId", equalTo(a));
        given().auth().oauth2(TestTokens.business(a)).when().get("/api/businesses/" + b)
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }

    @Test
    void onlyAnAdminCreatesOrDeletesABusiness() {
        String a = CrmFixtures.businessId();
        given().auth().oauth2(TestTokens.business(a)).contentType(ContentType.JSON)
                .body(CrmFixtures.business(a, CrmFixtures.phone()))
                .when().post("/api/businesses")
                .then().statusCode(403).contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(CrmFixtures.business(a, CrmFixtures.phone()))
                .when().post("/api/businesses").then().statusCode(201);
        given().auth().oauth2(TestTokens.business(a)).when().delete("/api/businesses/" + a)
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.business(a)).when().get("/api/businesses/" + a).then().statusCode(200);
    }
}
