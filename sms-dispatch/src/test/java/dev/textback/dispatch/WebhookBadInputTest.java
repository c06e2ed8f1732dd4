package dev.textback.dispatch;

import static dev.textback.dispatch.support.Fixtures.randomPhone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.textback.dispatch.support.VonageStubResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(VonageStubResource.class)
class WebhookBadInputTest {
    private static final String PROBLEM = "application/problem+json";

    @ParameterizedTest
    @ValueSource(strings = { "/webhooks/vonage/sms/receipt", "/webhooks/vonage/sms/inbound" })
    void malformedJsonIs400(String path) {
        given().contentType(ContentType.JSON).body("{\"messageId\": \"abc\", ").post(path).then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("title", equalTo("Malformed JSON"))
                .body("type", equalTo("https://textback.dev/problems/malformed-json"))
                .body("detail", notNullValue());
        given().contentType(ContentType.JSON).body("[1, 2]").post(path).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aReceiptWithoutItsRequiredFieldsIs400NamingThem() {
        given().contentType(ContentType.JSON).body("{\"msisdn\": \"15551234567\", \"status\": \"delivered-ish\"}")
                .post("/webhooks/vonage/sms/receipt").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItems("messageId", "status"));
        given().get("/webhooks/vonage/sms/receipt").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("messageId", "status"));
    }

    @Test
    void anInboundMessageWithoutItsRequiredFieldsIs400NamingThem() {
        given().contentType(ContentType.URLENC).formParam("text", "STOP").formParam("msisdn", "not-a-number")
                .post("/webhooks/vonage/sms/inbound").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItems("msisdn", "to", "messageId"));
    }

    @Test
    void anUnsupportedMediaTypeIsAProblemToo() {
        given().contentType(ContentType.TEXT).body("messageId=1").post("/webhooks/vonage/sms/inbound").then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("status", equalTo(415));
    }

    @Test
    void aBadPhoneInTheLeadsApiIs400() {
        given().get("/api/businesses/{b}/leads/{p}", "biz-x", "not-a-phone").then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("phone"));
        given().get("/api/businesses/{b}/leads/{p}", "biz-x", randomPhone()).then().statusCode(404)
                .contentType(PROBLEM);
    }
}
