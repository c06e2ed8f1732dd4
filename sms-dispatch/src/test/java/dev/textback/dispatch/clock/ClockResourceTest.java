package dev.textback.dispatch.clock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Outside the local stack the clock is real: a move is refused with a problem and changes nothing. */
@QuarkusTest
class ClockResourceTest {

    @Test
    void theClockIsRealAndAMoveIsRefused() {
        Instant now = Instant.parse(given().get("/api/admin/clock").then().statusCode(200)
                .body("settable", equalTo(false)).body("offsetMillis", equalTo(0))
                .extract().path("now"));
        assertTrue(Duration.between(now, Instant.now()).abs().toSeconds() < 5, "real time: " + now);

        given().contentType(ContentType.JSON).body("{\"offsetMillis\": -604800000}").put("/api/admin/clock").then()
                .statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        given().contentType(ContentType.JSON).body("{}").put("/api/admin/clock").then()
                .statusCode(400).body("errors[0].field", equalTo("offsetMillis"));
        given().get("/api/admin/clock").then().body("offsetMillis", equalTo(0));
    }
}
