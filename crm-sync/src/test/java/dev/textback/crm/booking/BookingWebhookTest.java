package dev.textback.crm.booking;

import static dev.textback.crm.CrmFixtures.await;
import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.phone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.infra.CloudEventRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Booking tools report conversions through signed webhooks, with the business's own secret. */
@QuarkusTest
class BookingWebhookTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void aSignedBookingIsRecordedOnceAndItsLaterValueIsARevision() {
        String biz = businessId();
        createBusiness(biz, phone());
        String secret = secret(biz);
        String caller = phone();
        String body = "{\"phone\": \"" + caller + "\", \"externalId\": \"bk-1\", \"occurredAt\": \"2026-11-20T10:00:00Z\"}";

        String conversionId = post(biz, body, Signatures.sign(secret, Instant.now(), bytes(body)))
                .then().statusCode(201)
                .body("type", equalTo("appointment_booked"))
                .body("estimated", equalTo(true))
                .body("externalId", equalTo("bk-1"))
                .extract().path("conversionId");
        // The tool retries (same body, new signature): the same conversion, nothing new.
        post(biz, body, Signatures.sign(secret, Instant.now(), bytes(body)))
                .then().statusCode(200).body("conversionId", equalTo(conversionId)).body("revision", equalTo(1));

        // The invoice: same booking id, now with a value.
        String valued = "{\"phone\": \"" + caller + "\", \"externalId\": \"bk-1\", \"value\": 420}";
        post(biz, valued, Signatures.sign(secret, Instant.now(), bytes(valued)))
                .then().statusCode(200).body("revision", equalTo(2)).body("value", equalTo(420))
                .body("estimated", equalTo(false));
        List<CloudEventRecord> recorded = await(CrmTopic.NAME,
                r -> CrmTopic.CONVERSION_RECORDED.equals(r.type()) && conversionId.equals(r.subject()), 2);
        assertEquals(2, recorded.size());
        given().when().get("/api/businesses/{id}/contacts/{phone}", biz, caller)
                .then().statusCode(200).body("timeline.kind", equalTo(List.of("conversion", "conversion.value-changed")));
    }

    @Test
    void badStaleOrMissingSignaturesAreRefusedAndRecordNothing() {
        String biz = businessId();
        createBusiness(biz, phone());
        String secret = secret(biz);
        String body = "{\"phone\": \"" + phone() + "\", \"externalId\": \"bk-2\"}";

        post(biz, body, null).then().statusCode(401).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://textback.dev/problems/invalid-signature"));
        post(biz, body, Signatures.sign("not-the-secret", Instant.now(), bytes(body))).then().statusCode(401);
        post(biz, body, Signatures.sign(secret, Instant.now().minusSeconds(301), bytes(body))).then().statusCode(401)
                .body("detail", org.hamcrest.Matchers.containsString("replay window"));
        String tampered = body.replace("bk-2", "bk-3");
        post(biz, tampered, Signatures.sign(secret, Instant.now(), bytes(body))).then().statusCode(401);
        // Signed but invalid: a problem naming the field; the business's secret never signs for another.
        String noKey = "{\"phone\": \"" + phone() + "\"}";
        post(biz, noKey, Signatures.sign(secret, Instant.now(), bytes(noKey))).then().statusCode(400)
                .body("errors[0].field", equalTo("externalId"));
        String other = businessId();
        createBusiness(other, phone());
        post(other, body, Signatures.sign(secret, Instant.now(), bytes(body))).then().statusCode(401);

        given().when().get("/api/businesses/" + biz + "/conversions").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void calComBookingCreatedIsAConversionAndOtherTriggersAreAcknowledged() {
        String biz = businessId();
        createBusiness(biz, phone());
        String secret = secret(biz);
        String caller = phone();
        String booking = CalBookingsTest.bookingCreated("uid-" + biz, caller, null);

        cal(biz, booking, Signatures.hmacHex(secret, bytes(booking))).then().statusCode(201)
                .body("externalId", equalTo("cal:uid-" + biz))
                .body("phone", equalTo(caller))
                .body("occurredAt", equalTo("2026-11-20T15:04:05.123Z"));
        cal(biz, booking, Signatures.hmacHex(secret, bytes(booking))).then().statusCode(200);
        cal(biz, booking, Signatures.hmacHex("wrong", bytes(booking))).then().statusCode(401);
        String ping = "{\"triggerEvent\": \"PING\", \"payload\": {}}";
        cal(biz, ping, Signatures.hmacHex(secret, bytes(ping))).then().statusCode(202)
                .body("ignored", notNullValue());
        given().when().get("/api/businesses/" + biz + "/conversions").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void rotationIssuesANewSecretAndKeepsThePreviousOneForTheGracePeriod() {
        String biz = businessId();
        createBusiness(biz, phone());
        String before = secret(biz);
        String after = given().when().post("/api/businesses/" + biz + "/webhook-secret/rotate")
                .then().statusCode(200)
                .body("secret", not(equalTo(before)))
                .body("previousValidUntil", notNullValue())
                .extract().path("secret");
        String body = "{\"phone\": \"" + phone() + "\", \"externalId\": \"bk-r\"}";
        post(biz, body, Signatures.sign(before, Instant.now(), bytes(body))).then().statusCode(201);
        post(biz, body, Signatures.sign(after, Instant.now(), bytes(body))).then().statusCode(200);

        // The secret is never part of the published profile.
        await(BusinessTopic.NAME, r -> biz.equals(r.key()), 1)
                .forEach(r -> assertFalse(r.body().contains(before) || r.body().contains("whsec_")));
        given().when().get("/api/businesses/" + businessId() + "/webhook-secret").then().statusCode(404);
    }

    static String secret(String biz) {
        return given().when().get("/api/businesses/" + biz + "/webhook-secret")
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
    }

    private static io.restassured.response.Response post(String biz, String body, String signature) {
        var req = given().contentType(ContentType.JSON).body(bytes(body));
        if (signature != null) {
            req = req.header(Signatures.HEADER, signature);
        }
        return req.when().post("/webhooks/bookings/" + biz);
    }

    private static io.restassured.response.Response cal(String biz, String body, String signature) {
        return given().contentType(ContentType.JSON).body(bytes(body)).header(Signatures.CAL_HEADER, signature)
                .when().post("/webhooks/cal/" + biz);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
