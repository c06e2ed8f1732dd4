package dev.textback.metrics.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * One business whose events arrive out of order (a receipt before its TextSent) and late (a conversion
 * three weeks after the missed call, then its value changed), read back through every report.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsFlowTest {
    static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    private final RawEvents ev = new RawEvents("biz-" + UUID.randomUUID());
    private boolean folded;

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    RequestSpecification api() {
        return given().config(DECIMALS);
    }

    @BeforeAll
    void play() {
        String p1 = "+13125550101";
        String p2 = "+13125550102";
        String p3 = "+13125550103";
        String p5 = "+13125550105";
        String b = ev.businessId;
        Instant t = Instant.parse("2025-04-10T15:00:00Z"); // 10:00 in Chicago
        ev.profile("America/Chicago", "300.00", "100.00", 1);

        ev.call("c1" + b, p1, "MISSED", t);
        // Lead 1: the receipt of the first text overtakes its TextSent.
        ev.receipt("t1" + b, "L1" + b, p1, 0, "DELIVERED", t.plusSeconds(70));
        ev.textSent("t1" + b, "L1" + b, "c1" + b, p1, 0, "A", t, t.plusSeconds(40), "0.0079");
        ev.textSent("t1f" + b, "L1" + b, "c1" + b, p1, 1, "A", t, t.plusSeconds(86_400), "0.0079");
        ev.receipt("t1f" + b, "L1" + b, p1, 1, "DELIVERED", t.plusSeconds(86_420));
        ev.reply("L1" + b, p1, 1, t.plusSeconds(90_000));
        // Lead 2: variant B, replies at once, converts without a value (estimated).
        ev.call("c2" + b, p2, "VOICEMAIL", t.plusSeconds(600));
        ev.textSent("t2" + b, "L2" + b, "c2" + b, p2, 0, "B", t.plusSeconds(600), t.plusSeconds(700), "0.0079");
        ev.receipt("t2" + b, "L2" + b, p2, 0, "DELIVERED", t.plusSeconds(720));
        ev.reply("L2" + b, p2, 0, t.plusSeconds(4_000));
        ev.conversion("v2" + b, p2, "c2" + b, "100.00", true, 1, t.plusSeconds(2 * 86_400));
        // Lead 3: the text failed.
        ev.call("c3" + b, p3, "MISSED", t.plusSeconds(1200));
        ev.textSent("t3" + b, "L3" + b, "c3" + b, p3, 0, "A", t.plusSeconds(1200), t.plusSeconds(1220), "0.0079");
        ev.receipt("t3" + b, "L3" + b, p3, 0, "FAILED", t.plusSeconds(1230));
        // A repeat call joins lead 1; a withheld caller; an answered call; an opted-out caller's lead.
        ev.call("c4" + b, p1, "MISSED", t.plusSeconds(1800));
        ev.suppressed("c4" + b, "L1" + b, p1, "DEDUPE_WINDOW", t.plusSeconds(1800));
        ev.call("c5" + b, null, "MISSED", t.plusSeconds(2400));
        ev.suppressed("c5" + b, null, null, "CALLER_WITHHELD", t.plusSeconds(2400));
        ev.call("c6" + b, "+13125550104", "ANSWERED", t.plusSeconds(3000));
        ev.call("c7" + b, p5, "MISSED", t.plusSeconds(3600));
        ev.suppressed("c7" + b, "L5" + b, p5, "OPTED_OUT", t.plusSeconds(3600));
        // May: one more lead, and lead 1's conversion three weeks late, whose value then changes.
        Instant may = Instant.parse("2025-05-05T15:00:00Z");
        ev.call("c8" + b, "+13125550106", "MISSED", may);
        ev.textSent("t8" + b, "L8" + b, "c8" + b, "+13125550106", 0, "A", may, may.plusSeconds(30), "0.0079");
        ev.receipt("t8" + b, "L8" + b, "+13125550106", 0, "DELIVERED", may.plusSeconds(45));
        ev.conversion("v1" + b, p1, "c1" + b, "200.00", false, 1, Instant.parse("2025-05-02T16:00:00Z"));
        ev.conversion("v1" + b, p1, "c1" + b, "250.00", false, 2, Instant.parse("2025-05-02T16:00:00Z"));

    }

    /** Waits (once) until the fold has applied everything played above. */
    private void folded() {
        if (folded) {
            return;
        }
        String b = ev.businessId;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> api()
                .queryParam("from", "2025-04-01").queryParam("to", "2025-05-31")
                .get("/api/businesses/{id}/roi", b).then().statusCode(200)
                .body("inboundCalls", equalTo(8)).body("leads", equalTo(5)).body("replied", equalTo(2))
                .body("delivered", equalTo(3)).body("revenue", equalTo(d("350.00"))));
        folded = true;
    }

    @Test
    void cohortSummaryOfAprilCountsTheLateConversionAtItsLatestValue() {
        folded();
        api().queryParam("from", "2025-04-01").queryParam("to", "2025-04-30")
                .get("/api/businesses/{id}/roi", ev.businessId).then().statusCode(200)
                .body("view", equalTo("cohort"))
                .body("inboundCalls", equalTo(7))
                .body("missedCalls", equalTo(6))
                .body("missedRate", equalTo(d("0.8571")))
                .body("leads", equalTo(4))
                .body("texted", equalTo(3))
                .body("suppressed", hasEntry("DEDUPE_WINDOW", 1))
                .body("suppressed", hasEntry("CALLER_WITHHELD", 1))
                .body("suppressed", hasEntry("OPTED_OUT", 1))
                .body("delivered", equalTo(2))
                .body("replied", equalTo(2))
                .body("converted", equalTo(2))
                .body("revenue", equalTo(d("350.00")))
                .body("estimatedRevenue", equalTo(d("100.00")))
                .body("smsCost", equalTo(d("0.03")))
                .body("subscriptionCost", equalTo(d("300.00")))
                .body("cost", equalTo(d("300.03")))
                .body("deliveryRate", equalTo(d("0.6667")))
                .body("replyRate", equalTo(d("1.0000")))
                .body("conversionRate", equalTo(d("1.0000")))
                .body("textedConversionRate", equalTo(d("0.6667")))
                .body("roi", equalTo(d("0.1665")))
                .body("paybackDays", equalTo(d("25.7")))
                .body("speedToTextP50Seconds", equalTo(40))
                .body("speedToTextP95Seconds", equalTo(100))
                .body("recoveredClientValue", equalTo(d("175.00")))
                .body("allClientValue", equalTo(d("100.00")))
                .body("averageClientValue", equalTo(d("100.00")));
    }

    @Test
    void activityViewCountsEachEventByItsOwnDate() {
        folded();
        api().queryParam("from", "2025-05-01").queryParam("to", "2025-05-31").queryParam("view", "activity")
                .get("/api/businesses/{id}/roi", ev.businessId).then().statusCode(200)
                .body("view", equalTo("activity"))
                .body("leads", equalTo(1))
                .body("texted", equalTo(1))
                .body("converted", equalTo(1))
                .body("revenue", equalTo(d("250.00")))
                .body("replied", equalTo(0));
        api().queryParam("from", "2025-04-01").queryParam("to", "2025-04-30").queryParam("view", "activity")
                .get("/api/businesses/{id}/roi", ev.businessId).then().statusCode(200)
                .body("revenue", equalTo(d("100.00")))
                .body("converted", equalTo(1))
                .body("replied", equalTo(2));
        api().queryParam("view", "sideways").get("/api/businesses/{id}/roi", ev.businessId).then().statusCode(400)
                .body("errors[0].field", equalTo("view"));
    }

    @Test
    void leadFactsCarryTheDerivedColumns() {
        folded();
        api().queryParam("from", "2025-04-10").queryParam("to", "2025-04-10")
                .get("/api/businesses/{id}/leads", ev.businessId).then().statusCode(200)
                .body("$", hasSize(4))
                .body("[0].leadId", equalTo("L1" + ev.businessId))
                .body("[0].speedToTextSeconds", equalTo(40))
                .body("[0].convertedAt", equalTo("2025-05-02T16:00:00Z"))
                .body("[0].revenue", equalTo(d("250.00")))
                .body("[0].estimated", equalTo(false))
                .body("[0].replyAfterStep", equalTo(1))
                .body("[0].day", equalTo("2025-04-10"))
                .body("[3].suppressedReason", equalTo("OPTED_OUT"))
                .body("[3].textedAt", nullValue());
    }

    @Test
    void monthsSideBySideWithTheChangeAndAsCsv() {
        folded();
        api().queryParam("to", "2025-05").get("/api/businesses/{id}/months", ev.businessId).then().statusCode(200)
                .body("months", hasSize(12))
                .body("months[0].month", equalTo("2024-06"))
                .body("months[0].summary.leads", equalTo(0))
                .body("months[0].summary.replyRate", nullValue())
                .body("months[10].month", equalTo("2025-04"))
                .body("months[10].summary.revenue", equalTo(d("350.00")))
                .body("months[11].summary.leads", equalTo(1))
                .body("months[11].change.leads", equalTo(-3))
                .body("months[11].change.deliveryRate", equalTo(d("0.3333")));
        String csv = api().queryParam("to", "2025-05").get("/api/businesses/{id}/months.csv", ev.businessId).then()
                .statusCode(200).header("Content-Type", startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(13, lines.length);
        assertTrue(lines[0].startsWith("month,inboundCalls,missedCalls,missedRate,leads,"), lines[0]);
        assertTrue(lines[11].startsWith("2025-04,7,6,0.8571,4,3,3,2,2,2,0,0.6667,1.0000,1.0000,0.6667,350.00,"),
                lines[11]);
        assertTrue(!csv.contains("NaN") && !csv.contains("null"), csv);
        api().queryParam("to", "2025-13").get("/api/businesses/{id}/months", ev.businessId).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void variantsStepsAndRollingWindows() {
        folded();
        api().queryParam("from", "2025-04-01").queryParam("to", "2025-04-30")
                .get("/api/businesses/{id}/variants", ev.businessId).then().statusCode(200)
                .body("baseline", equalTo("A"))
                .body("variants", hasSize(2))
                .body("variants[0].variant", equalTo("A"))
                .body("variants[0].texted", equalTo(2))
                .body("variants[0].delivered", equalTo(1))
                .body("variants[0].replyRate", equalTo(d("1.0000")))
                .body("variants[0].replyRateLow", equalTo(d("0.2065")))
                .body("variants[0].replyRateHigh", equalTo(d("1.0000")))
                .body("variants[0].revenue", equalTo(d("250.00")))
                .body("variants[1].variant", equalTo("B"))
                .body("variants[1].revenue", equalTo(d("100.00")))
                .body("variants[1].verdict", startsWith("Not enough delivered texts yet"));
        api().queryParam("from", "2025-04-01").queryParam("to", "2025-04-30")
                .get("/api/businesses/{id}/steps", ev.businessId).then().statusCode(200)
                .body("steps", hasSize(2))
                .body("steps[0].sent", equalTo(3))
                .body("steps[0].replied", equalTo(1))
                .body("steps[1].step", equalTo(1))
                .body("steps[1].sent", equalTo(1))
                .body("steps[1].replied", equalTo(1))
                .body("steps[1].converted", equalTo(1))
                .body("steps[1].addedReplyRate", equalTo(d("0.3333")))
                .body("steps[1].cumulativeReplyRate", equalTo(d("0.6667")));
        api().queryParam("to", "2025-04-16").get("/api/businesses/{id}/rolling", ev.businessId).then().statusCode(200)
                .body("last7Days.leads", equalTo(4))
                .body("last7Days.from", equalTo("2025-04-10"))
                .body("last30Days.from", equalTo("2025-03-18"))
                .body("last90Days.days", equalTo(90));
    }
}
