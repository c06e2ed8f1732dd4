package dev.textback.metrics.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A business whose time zone changes after its facts are folded: every local day moves, so its rollups
 * are dropped and recomputed from the facts (Touched#wholeBusiness marks first, then drops them).
 */
@QuarkusTest
class TimeZoneChangeTest {

    @Test
    void aNewTimeZoneMovesTheCallsToTheirNewLocalDays() {
        RawEvents ev = new RawEvents("biz-" + UUID.randomUUID());
        String b = ev.businessId;
        ev.profile("UTC", "99.00", "80.00", 1);
        Instant late = Instant.parse("2025-06-30T23:30:00Z"); // June 30 in UTC, July 1 00:30 in London
        Instant early = Instant.parse("2025-06-30T12:00:00Z"); // June 30 in both
        ev.call("late" + b, "+447700900301", "MISSED", late);
        ev.textSent("t-late" + b, "L-late" + b, "late" + b, "+447700900301", 0, "A", late, late.plusSeconds(20),
                "0.0079");
        ev.call("early" + b, "+447700900302", "MISSED", early); // no text: a missed call, but no lead
        awaitMissed(b, "2025-06-30", 2, 1);
        awaitMissed(b, "2025-07-01", 0, 0);

        ev.profile("Europe/London", "99.00", "80.00", 2);
        awaitMissed(b, "2025-07-01", 1, 1);
        awaitMissed(b, "2025-06-30", 1, 0);
        given().queryParam("from", "2025-07-01").queryParam("to", "2025-07-01").get("/api/businesses/{id}/roi", b)
                .then().statusCode(200).body("texted", equalTo(1));
    }

    private static void awaitMissed(String business, String day, int missed, int leads) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().queryParam("from", day).queryParam("to", day).get("/api/businesses/{id}/roi", business)
                        .then().statusCode(200).body("missedCalls", equalTo(missed)).body("leads", equalTo(leads)));
    }
}
