package dev.textback.metrics.fold;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallOutcome;
import dev.textback.texts.events.SuppressionReason;
import dev.textback.texts.events.TextStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/**
 * The whole fold against the real Kafka and PostgreSQL: events written on the topics as the other
 * services would, the ROI summary read back over REST.
 */
@QuarkusTest
class RoiFlowTest {
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    private static final Duration FOLDED = Duration.ofSeconds(60);

    @Inject
    ObjectMapper mapper;

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static String newBusinessId() {
        return "biz-" + UUID.randomUUID();
    }

    private static ValidatableResponse roi(String businessId, String from, String to) {
        return given().config(DECIMALS)
                .queryParam("from", from)
                .queryParam("to", to)
                .get("/api/businesses/{id}/roi", businessId)
                .then();
    }

    @Test
    void foldsEveryTopicIntoTheRoiSummary() {
        TestEvents ev = new TestEvents(mapper, newBusinessId());
        String p1 = "+15550101001";
        String p2 = "+15550101002";
        // Jan 31 and Feb 1 in New York: the subscription is pro rata across the month boundary.
        Instant t = Instant.parse("2025-01-31T15:00:00Z");
        ev.profile("America/New_York", "310.00", 1);

        ev.call("call-ans-" + ev.businessId(), "+15550101000", CallOutcome.ANSWERED, t);
        String call1 = "call-1-" + ev.businessId();
        String call2 = "call-2-" + ev.businessId();
        String call3 = "call-3-" + ev.businessId();
        ev.call(call1, p1, CallOutcome.MISSED, t.plusSeconds(600));
        ev.call(call2, p2, CallOutcome.VOICEMAIL, t.plusSeconds(1200));
        ev.call(call3, null, CallOutcome.MISSED, t.plusSeconds(1800));
        ev.suppressed(call3, null, null, SuppressionReason.CALLER_WITHHELD, t.plusSeconds(1800));

        String lead1 = "lead-1-" + ev.businessId();
        String lead2 = "lead-2-" + ev.businessId();
        String text1 = "text-1-" + ev.businessId();
        String text2 = "text-2-" + ev.businessId();
        // The receipt of text 2 overtakes its TextSent (same key, same partition: really applied first).
        ev.receipt(text2, lead2, p2, TextStatus.DELIVERED, t.plusSeconds(1220), "0.0079");
        ev.textSent(text1, lead1, call1, p1, 0, t.plusSeconds(600), "0.0079");
        ev.textSent(text2, lead2, call2, p2, 0, t.plusSeconds(1200), "0.0079");
        ev.receipt(text1, lead1, p1, TextStatus.DELIVERED, t.plusSeconds(620), null);
        ev.reply(lead1, p1, t.plusSeconds(900));

        String conversionEvent = TestEvents.id();
        String conversion = "conv-" + ev.businessId();
        ev.conversion(conversionEvent, conversion, p1, call1, "150.00", false, 1, t.plusSeconds(86_400));
        ev.conversion(conversionEvent, conversion, p1, call1, "150.00", false, 1, t.plusSeconds(86_400));

        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> roi(ev.businessId(),
                "2025-01-31", "2025-02-01")
                .statusCode(200)
                .body("inboundCalls", equalTo(4))
                .body("texted", equalTo(2))
                .body("delivered", equalTo(2))
                .body("replied", equalTo(1))
                .body("converted", equalTo(1))
                .body("suppressed", aMapWithSize(1)));

        roi(ev.businessId(), "2025-01-31", "2025-02-01")
                .statusCode(200)
                .body("businessId", equalTo(ev.businessId()))
                .body("from", equalTo("2025-01-31"))
                .body("to", equalTo("2025-02-01"))
                .body("days", equalTo(2))
                .body("currency", equalTo("USD"))
                .body("inboundCalls", equalTo(4))
                .body("missedCalls", equalTo(3))
                .body("missedRate", equalTo(d("0.7500")))
                .body("leads", equalTo(2))
                .body("texted", equalTo(2))
                .body("suppressed", aMapWithSize(1))
                .body("suppressed", hasEntry("CALLER_WITHHELD", 1))
                .body("delivered", equalTo(2))
                .body("replied", equalTo(1))
                .body("converted", equalTo(1))
                .body("revenue", equalTo(d("150.00")))
                .body("estimatedRevenue", equalTo(d("0.00")))
                .body("smsCost", equalTo(d("0.02")))
                // 310/31 + 310/28 = 21.0714...
                .body("subscriptionCost", equalTo(d("21.07")))
                // 21.0714... + 0.0158 = 21.0872...
                .body("cost", equalTo(d("21.09")))
                .body("deliveryRate", equalTo(d("1.0000")))
                .body("replyRate", equalTo(d("0.5000")))
                .body("conversionRate", equalTo(d("1.0000")))
                .body("textedConversionRate", equalTo(d("0.5000")))
                // (150 - 21.0872...) / 21.0872... = 6.11331...
                .body("roi", equalTo(d("6.1133")))
                // 310 / (150 / 2) = 4.133...
                .body("paybackDays", equalTo(d("4.1")));

        // A day outside the cohort sees none of it, and ratios over zero are absent.
        roi(ev.businessId(), "2025-02-02", "2025-02-02")
                .statusCode(200)
                .body("leads", equalTo(0))
                .body("deliveryRate", nullValue())
                .body("paybackDays", nullValue());

        given().config(DECIMALS)
                .queryParam("from", "2025-01-31").queryParam("to", "2025-02-01")
                .get("/api/businesses/{id}/leads", ev.businessId())
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("[0].leadId", equalTo(lead1))
                .body("[0].openingCallId", equalTo(call1))
                .body("[0].firstTextStatus", equalTo("DELIVERED"))
                .body("[0].replies", equalTo(1))
                .body("[0].smsCost", equalTo(d("0.0079")))
                .body("[0].revenue", equalTo(d("150.00")))
                .body("[1].leadId", equalTo(lead2))
                .body("[1].smsCost", equalTo(d("0.0079")))
                .body("[1].recoveredConversions", equalTo(0));

        given().get("/api/businesses").then().statusCode(200)
                .body("id", hasItem(ev.businessId()))
                .body("find { it.id == '" + ev.businessId() + "' }.timeZone", equalTo("America/New_York"));
    }

    @Test
    void aHigherRevisionReplacesAConversionAndAnOlderOneDoesNot() {
        TestEvents ev = new TestEvents(mapper, newBusinessId());
        String phone = "+15550102001";
        Instant t = Instant.parse("2025-03-15T14:00:00Z");
        ev.profile("America/Chicago", "300.00", 1);
        String call = "call-" + ev.businessId();
        String lead = "lead-" + ev.businessId();
        String conversion = "conv-" + ev.businessId();
        String joined = "call-joined-" + ev.businessId();
        ev.call(call, phone, CallOutcome.MISSED, t);
        ev.call(joined, phone, CallOutcome.MISSED, t.plusSeconds(1800));
        // The caller tries again inside the dedupe window: the second call joins the lead. Its
        // suppression arrives before the lead's TextSent, so it creates the lead row first.
        ev.suppressed(joined, lead, phone, SuppressionReason.DEDUPE_WINDOW, t.plusSeconds(1800));
        ev.textSent("text-" + ev.businessId(), lead, call, phone, 0, t, "0.0100");
        ev.conversion(TestEvents.id(), conversion, phone, call, "150.00", false, 1, t.plusSeconds(3600));

        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> roi(ev.businessId(),
                "2025-03-15", "2025-03-15").statusCode(200).body("revenue", equalTo(d("150.00"))));

        ev.conversion(TestEvents.id(), conversion, phone, call, "180.00", false, 2, t.plusSeconds(3600));
        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> roi(ev.businessId(),
                "2025-03-15", "2025-03-15").statusCode(200).body("revenue", equalTo(d("180.00"))));

        // A stale revision 1 arrives late (new event id, so only the revision check can stop it), then a
        // second, estimated conversion on the same partition: once that one shows, the stale one was seen.
        ev.conversion(TestEvents.id(), conversion, phone, call, "150.00", false, 1, t.plusSeconds(3600));
        // attributed to the joined call: it still belongs to the same lead
        ev.conversion(TestEvents.id(), "conv-2-" + ev.businessId(), phone, joined, "20.00", true, 1,
                t.plusSeconds(7200));
        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> roi(ev.businessId(),
                "2025-03-15", "2025-03-15").statusCode(200).body("estimatedRevenue", equalTo(d("20.00"))));

        roi(ev.businessId(), "2025-03-15", "2025-03-15")
                .statusCode(200)
                .body("missedCalls", equalTo(2))
                .body("leads", equalTo(1))
                .body("suppressed", hasEntry("DEDUPE_WINDOW", 1))
                .body("revenue", equalTo(d("200.00")))
                .body("converted", equalTo(1))
                .body("smsCost", equalTo(d("0.01")))
                // 300 / 31 = 9.6774...; cost 9.6874...
                .body("subscriptionCost", equalTo(d("9.68")))
                .body("cost", equalTo(d("9.69")))
                .body("roi", equalTo(d("19.6453")))
                .body("paybackDays", equalTo(d("1.5")))
                // nobody replied: conversion rate over replies is absent, over texted leads is 1
                .body("conversionRate", nullValue())
                .body("textedConversionRate", equalTo(d("1.0000")));

        given().queryParam("from", "2025-03-15").queryParam("to", "2025-03-15")
                .get("/api/businesses/{id}/leads", ev.businessId())
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].openingCallId", equalTo(call))
                .body("[0].missedAt", equalTo(t.toString()))
                .body("[0].recoveredConversions", equalTo(2));

        // A tombstone deletes the business: its reports go away.
        ev.tombstone();
        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> roi(ev.businessId(),
                "2025-03-15", "2025-03-15").statusCode(404));
    }

    @Test
    void badInputIsAProblem() {
        roi("no-such-business-" + UUID.randomUUID(), "2025-01-01", "2025-01-31")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));

        roi("no-such-business", "2025-1-1", "2025-02-30")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("https://textback.dev/problems/validation"))
                .body("errors.field", org.hamcrest.Matchers.contains("from", "to"));

        TestEvents ev = new TestEvents(mapper, newBusinessId());
        ev.profile("Europe/Berlin", "99.00", 1);
        Awaitility.await().atMost(FOLDED).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given()
                .get("/api/businesses/{id}/roi", ev.businessId()).then().statusCode(200).body("days", equalTo(30)));

        roi(ev.businessId(), "2025-02-02", "2025-02-01")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        roi(ev.businessId(), "2024-01-01", "2025-01-01")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"));
        roi(ev.businessId(), "2024-01-01", "2024-12-31").statusCode(200).body("days", equalTo(366));
        given().queryParam("from", "yesterday")
                .get("/api/businesses/{id}/leads", ev.businessId())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/businesses/{businessId}/roi"));
    }
}
