package dev.textback.crm.contact;

import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.kafka;
import static dev.textback.crm.CrmFixtures.phone;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.TextTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Listing contacts: filters by tag, status and first-seen range, walked page by page with the cursor. */
@QuarkusTest
class ContactListTest {
    @Inject
    ObjectMapper json;

    @Test
    void pagesWalkEveryMatchingContactOnceNewestFirst() throws Exception {
        String biz = businessId();
        String number = phone();
        createBusiness(biz, number);
        Instant base = Instant.parse("2026-10-01T12:00:00Z");
        List<String> missed = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            String caller = phone();
            missed.add(caller);
            call(biz, caller, number, CallOutcome.MISSED, base.plus(day, ChronoUnit.DAYS));
        }
        String answered = phone();
        call(biz, answered, number, CallOutcome.ANSWERED, base.plus(10, ChronoUnit.DAYS));
        TopicWriter.send(kafka(), TextTopic.NAME, TextTopic.key(biz, missed.get(0)), UUID.randomUUID().toString(),
                TextTopic.OPT_OUT_CHANGED, TextTopic.SOURCE, json.writeValueAsString(
                        new OptOutChanged(biz, missed.get(0), true, "STOP", null, base.plus(20, ChronoUnit.DAYS))));
        given().contentType(ContentType.JSON).body(Map.of("phone", missed.get(1), "type", "sale", "value", 50,
                "occurredAt", base.plus(30, ChronoUnit.DAYS).toString()))
                .when().post("/api/businesses/" + biz + "/conversions").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get("/api/businesses/" + biz + "/contacts?status=opted-out")
                .then().statusCode(200).body("items.phone", equalTo(List.of(missed.get(0)))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get("/api/businesses/" + biz + "/contacts?limit=500")
                .then().statusCode(200).body("items.size()", equalTo(6)));

        // Tagged leads, two per page: newest first, each exactly once, the last page without a cursor.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().queryParam("tag", "missed-call-recovery").queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/businesses/" + biz + "/contacts")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.phone"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(List.of(missed.get(4), missed.get(3), missed.get(2), missed.get(1), missed.get(0)), seen);

        given().when().get("/api/businesses/" + biz + "/contacts?firstSeenFrom=2026-10-02&firstSeenTo=2026-10-04")
                .then().statusCode(200).body("items.phone", equalTo(List.of(missed.get(2), missed.get(1))))
                .body("nextCursor", nullValue());
        given().when().get("/api/businesses/" + biz + "/contacts?status=converted")
                .then().statusCode(200).body("items.phone", equalTo(List.of(missed.get(1))));
        given().when().get("/api/businesses/" + biz + "/contacts?status=active&tag=missed-call-recovery&limit=500")
                .then().statusCode(200).body("items.size()", equalTo(4));
        given().when().get("/api/businesses/" + biz + "/contacts?status=vip")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().when().get("/api/businesses/" + biz + "/contacts?firstSeenFrom=last-week")
                .then().statusCode(400).body("errors[0].field", equalTo("firstSeenFrom"));
    }

    private void call(String biz, String caller, String number, CallOutcome outcome, Instant endedAt) throws Exception {
        CallEnded call = new CallEnded("call-" + UUID.randomUUID(), "vonage", biz, caller, true, number, outcome,
                outcome == CallOutcome.ANSWERED ? "completed" : "unanswered", endedAt.minusSeconds(20), endedAt, 0);
        TopicWriter.send(kafka(), CallTopic.NAME, CallTopic.key(biz, caller), UUID.randomUUID().toString(),
                CallTopic.CALL_ENDED, CallTopic.SOURCE, json.writeValueAsString(call));
    }
}
