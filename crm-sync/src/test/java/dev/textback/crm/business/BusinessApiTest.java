package dev.textback.crm.business;

import static dev.textback.crm.CrmFixtures.await;
import static dev.textback.crm.CrmFixtures.business;
import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.phone;
import static dev.textback.crm.CrmFixtures.readAll;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.BusinessTopic;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BusinessApiTest {
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createPublishesAProfileKeyedByBusinessIdThatMatchesTheSchema() throws Exception {
        String id = businessId();
        String number = phone();
        String national = number.substring(2); // 10 digits, read with the default country US
        given().contentType(ContentType.JSON).body(business(id, national))
                .when().post("/api/businesses")
                .then().statusCode(201)
                .header("Location", endsWith("/api/businesses/" + id))
                .body("businessId", equalTo(id))
                .body("numbers[0]", equalTo(number))
                .body("country", equalTo("US"))
                .body("currency", equalTo("USD"))
                .body("revision", equalTo(1))
                .body("templates[0].variant", equalTo("A"));

        List<CloudEventRecord> records = await(BusinessTopic.NAME, r -> id.equals(r.key()), 1);
        assertEquals(1, records.size());
        CloudEventRecord r = records.get(0);
        assertEquals(BusinessTopic.BUSINESS_PROFILE, r.type());
        assertEquals(BusinessTopic.SOURCE, r.source());
        assertEquals(List.of(), EventSchemas.violations("schemas/business-profile.v1.json", r.body()));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(id, body.get("businessId").asText());
        assertEquals(1, body.get("revision").asInt());
        assertEquals(30, body.get("attributionWindowDays").asInt());

        given().when().get("/api/businesses/" + id).then().statusCode(200).body("name", equalTo("Bright Smile Dental " + id));
        given().when().get("/api/businesses").then().statusCode(200).body("businessId", hasItems(id));
    }

    @Test
    void invalidBodyIsA400NamingEveryFieldAndNothingIsStoredOrPublished() {
        String id = businessId();
        Map<String, Object> body = business(id, "12");
        body.put("name", "");
        body.put("timeZone", "Mars/Olympus");
        body.remove("template");
        body.put("averageClientValue", -5);
        body.put("attributionWindowDays", 0);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItems("name", "timeZone", "numbers[0]", "templates", "averageClientValue",
                        "attributionWindowDays"));

        given().when().get("/api/businesses/" + id)
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("status", equalTo(404));

        // A valid business created afterwards is published; by then an invalid one would have been too.
        String witness = businessId();
        createBusiness(witness, phone());
        await(BusinessTopic.NAME, r -> witness.equals(r.key()), 1);
        assertEquals(List.of(), readAll(BusinessTopic.NAME, r -> id.equals(r.key())));
    }

    @Test
    void aNumberOfAnotherBusinessOrAnExistingIdIsAConflict() {
        String first = businessId();
        String shared = phone();
        createBusiness(first, shared);

        String second = businessId();
        given().contentType(ContentType.JSON).body(business(second, phone(), shared))
                .when().post("/api/businesses")
                .then().statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("detail", containsString(shared));
        given().when().get("/api/businesses/" + second).then().statusCode(404);

        given().contentType(ContentType.JSON).body(business(first, phone()))
                .when().post("/api/businesses")
                .then().statusCode(409).contentType(startsWith(PROBLEM)).body("detail", containsString(first));
    }

    @Test
    void putPublishesRevisionTwoAndDeletePublishesATombstone() throws Exception {
        String id = businessId();
        String number = phone();
        createBusiness(id, number);

        Map<String, Object> changed = business(id, phone(), number); // numbers reordered and one added
        changed.put("name", "Renamed " + id);
        changed.put("dedupeWindowHours", 48);
        given().contentType(ContentType.JSON).body(changed)
                .when().put("/api/businesses/" + id)
                .then().statusCode(200)
                .body("revision", equalTo(2))
                .body("numbers[1]", equalTo(number))
                .body("dedupeWindowHours", equalTo(48));

        List<CloudEventRecord> records = await(BusinessTopic.NAME, r -> id.equals(r.key()), 2);
        assertEquals(2, records.size());
        JsonNode second = JSON.readTree(records.get(1).body());
        assertEquals(2, second.get("revision").asInt());
        assertEquals("Renamed " + id, second.get("name").asText());
        assertEquals(List.of(), EventSchemas.violations("schemas/business-profile.v1.json", records.get(1).body()));

        given().when().delete("/api/businesses/" + id).then().statusCode(204);
        given().when().get("/api/businesses/" + id).then().statusCode(404);
        records = await(BusinessTopic.NAME, r -> id.equals(r.key()), 3);
        assertEquals(3, records.size());
        CloudEventRecord tombstone = records.get(2);
        assertNull(tombstone.body(), "a tombstone has a null value");
        assertEquals(BusinessTopic.BUSINESS_PROFILE, tombstone.type());

        // The number is free again once its business is gone.
        createBusiness(businessId(), number);
    }

    @Test
    void malformedOrMistypedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Broken\", ")
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"));

        given().contentType(ContentType.JSON).body("{\"name\": \"Shop\", \"averageClientValue\": \"lots\"}")
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("averageClientValue"));

        given().contentType(ContentType.JSON).body("{\"numbers\": {\"a\": 1}}")
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("numbers"));

        given().contentType(ContentType.JSON).body("")
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors[0].field", equalTo("body"));

        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/businesses")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM));

        // Framework errors are problems too.
        given().contentType(ContentType.TEXT).body("name=Shop")
                .when().post("/api/businesses")
                .then().statusCode(415).contentType(startsWith(PROBLEM)).body("status", equalTo(415));
        given().when().get("/api/no-such-thing")
                .then().statusCode(404).contentType(startsWith(PROBLEM));
    }

    @Test
    void schedulingSettingsArePublishedAndAnInvalidUpdateChangesNothing() throws Exception {
        String id = businessId();
        Map<String, Object> body = business(id, phone());
        body.put("template", "Sorry we missed you at {business}! Book here: {booking_link}");
        body.put("bookingLink", "https://cal.example.com/" + id);
        body.put("hours", List.of(Map.of("day", "MONDAY", "opens", "08:00", "closes", "17:30"),
                Map.of("day", "saturday", "opens", "09:00", "closes", "12:00")));
        body.put("textingWindow", Map.of("start", "09:00", "end", "19:00"));
        body.put("followUps", List.of(Map.of("step", 1, "delayMinutes", 1440, "body", "Still need {business}?"),
                Map.of("step", 2, "delayMinutes", 4320, "body", "Book any time: {booking_link}")));
        body.put("ringTimeoutSeconds", 15);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/businesses")
                .then().statusCode(201)
                .body("hours[1].day", equalTo("SATURDAY"))
                .body("textingWindow.end", equalTo("19:00"))
                .body("followUps[1].delayMinutes", equalTo(4320))
                .body("ringTimeoutSeconds", equalTo(15));

        CloudEventRecord created = await(BusinessTopic.NAME, r -> id.equals(r.key()), 1).get(0);
        assertEquals(List.of(), EventSchemas.violations("schemas/business-profile.v1.json", created.body()));
        JsonNode profile = JSON.readTree(created.body());
        assertEquals("https://cal.example.com/" + id, profile.get("bookingLink").asText());
        assertEquals("08:00", profile.get("hours").get(0).get("opens").asText());
        assertEquals("09:00", profile.get("textingWindow").get("start").asText());
        assertEquals(2, profile.get("followUps").get(1).get("step").asInt());
        assertEquals(15, profile.get("ringTimeoutSeconds").asInt());

        Map<String, Object> bad = new java.util.HashMap<>(body);
        bad.put("name", "Should not stick");
        bad.put("bookingLink", null);
        bad.put("followUps", List.of(Map.of("step", 2, "delayMinutes", 1, "body", "Hi {first_name}")));
        bad.put("ringTimeoutSeconds", 3);
        given().contentType(ContentType.JSON).body(bad)
                .when().put("/api/businesses/" + id)
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("errors.field", hasItems("template", "followUps[0].step", "followUps[0].delayMinutes",
                        "followUps[0].body", "ringTimeoutSeconds"));
        given().when().get("/api/businesses/" + id)
                .then().statusCode(200)
                .body("revision", equalTo(1))
                .body("name", equalTo("Bright Smile Dental " + id))
                .body("followUps.size()", equalTo(2))
                .body("ringTimeoutSeconds", equalTo(15));

        // Clearing the optional settings publishes them as not set.
        Map<String, Object> cleared = business(id, phone());
        given().contentType(ContentType.JSON).body(cleared)
                .when().put("/api/businesses/" + id)
                .then().statusCode(200).body("revision", equalTo(2)).body("hours.size()", equalTo(0));
        JsonNode second = JSON.readTree(await(BusinessTopic.NAME, r -> id.equals(r.key()), 2).get(1).body());
        assertTrue(second.get("textingWindow").isNull());
        assertTrue(second.get("bookingLink").isNull());
        assertEquals(0, second.get("followUps").size());
        assertEquals(20, second.get("ringTimeoutSeconds").asInt());
    }
}
