package dev.textback.ingest.twilio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.infra.CloudEventRecord;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class TwilioStatusResourceTest {
    private static final String PATH = "/webhooks/twilio/voice/status";

    @TestHTTPResource(PATH)
    String url;

    /** A real-looking Twilio status callback. */
    private static Map<String, String> callback(String status, String from, String to) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""));
        form.put("CallStatus", status);
        form.put("Called", to);
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", to);
        form.put("CallbackSource", "call-progress-events");
        form.put("SequenceNumber", "2");
        form.put("Timestamp", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return form;
    }

    private ValidatableResponse post(Map<String, String> form, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(PATH).then();
    }

    private String sign(Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return Signing.twilio(url, params);
    }

    @Test
    void everyFinalStatusBecomesItsOutcome() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        Map<String, String> expected = new LinkedHashMap<>();
        List<Map<String, String>> forms = List.of(
                with(callback("no-answer", "+14155550161", number), "CallDuration", "0"),
                with(callback("busy", "+14155550162", number), "CallDuration", "0"),
                with(with(callback("completed", "+14155550163", number), "CallDuration", "40"), "AnsweredBy",
                        "machine_end_beep"),
                with(callback("completed", "+14155550164", number), "CallDuration", "95"),
                // a <Dial> action callback: the parent completed, the forwarded leg was not answered
                with(with(callback("completed", "+14155550165", number), "DialCallStatus", "no-answer"),
                        "DialCallDuration", "0"),
                with(callback("canceled", "anonymous", number), "CallDuration", "0"));
        List<String> outcomes = List.of("MISSED", "MISSED", "VOICEMAIL", "ANSWERED", "MISSED", "MISSED");
        for (int i = 0; i < forms.size(); i++) {
            post(forms.get(i), sign(forms.get(i))).statusCode(200).body("outcome", equalTo(outcomes.get(i)));
            expected.put(forms.get(i).get("CallSid"), outcomes.get(i));
        }
        Map<String, String> ringing = callback("ringing", "+14155550166", number);
        post(ringing, sign(ringing)).statusCode(202).body("ignored", equalTo("not-final"));

        List<CloudEventRecord> records = CallsTopic.forBusiness(business.businessId(), forms.size());
        assertEquals(forms.size(), records.size());
        for (CloudEventRecord r : records) {
            JsonNode call = CallsTopic.body(r);
            assertEquals("twilio", call.get("provider").asText());
            assertEquals(expected.get(call.get("callId").asText()), call.get("outcome").asText());
        }
    }

    @Test
    void unsignedForgedStaleAndReplayedCallbacksGet401AndPublishNothing() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        Map<String, String> form = callback("no-answer", "+14155550167", number);
        post(form, null).statusCode(401).contentType("application/problem+json");
        Map<String, String> tampered = new LinkedHashMap<>(form);
        tampered.put("From", "+14155550000");
        post(tampered, sign(form)).statusCode(401);
        Map<String, String> stale = new LinkedHashMap<>(form);
        stale.put("Timestamp", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.now().minusSeconds(3600), ZoneOffset.UTC)));
        post(stale, sign(stale)).statusCode(401);
        assertEquals(0, CallsTopic.forBusiness(business.businessId(), 0).size());

        String signature = sign(form);
        post(form, signature).statusCode(200);
        post(form, signature).statusCode(401).body("detail", equalTo("This signature was already used."));
        assertEquals(1, CallsTopic.forBusiness(business.businessId(), 1).size());
    }

    @Test
    void missingOrMalformedFieldsAre400AndJsonIs415() {
        Map<String, String> form = callback("busy", "+14155550168", "+12125550100");
        form.remove("CallSid");
        post(form, sign(form)).statusCode(400).body("errors[0]", equalTo("CallSid"));
        given().contentType("application/json").body("{}").post(PATH).then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        form.put(name, value);
        return form;
    }
}
