package dev.textback.ingest.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.textback.infra.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without its verification key the service fails closed and says so: every /api request is refused
 * with 401 and a problem body (not a 500), whatever token it carries; webhooks and health still work.
 */
@QuarkusTest
@TestProfile(MissingKeyTest.NoKey.class)
class MissingKeyTest {
    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "/nonexistent/textback/jwt-public.pem");
        }
    }

    @Test
    void apiRequestsAre401WithAProblemBody() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/routing/+12125550100")
                .then().statusCode(401).contentType(startsWith("application/problem+json")).body("status", equalTo(401));
        given().when().get("/api/routing/+12125550100").then().statusCode(401);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
