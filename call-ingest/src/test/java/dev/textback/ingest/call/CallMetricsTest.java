package dev.textback.ingest.call;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import dev.textback.ingest.vonage.VonageVoiceEventRouteTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Prometheus counters operators watch: calls recorded by provider and outcome, webhooks ignored
 * by reason, webhooks refused by reason (signature, invalid, wrong type), each moving by exactly what
 * was sent.
 */
@QuarkusTest
class CallMetricsTest {
    private static final String VONAGE = "/webhooks/vonage/voice/event";

    @io.quarkus.test.common.http.TestHTTPResource("/webhooks/twilio/voice/status")
    String twilioUrl;

    @Test
    void countersMoveByWhatWasSent() throws Exception {
        String number = TestBusinesses.randomNumber();
        TestBusinesses.publish(number);
        String recorded = "textback_calls_recorded_total{outcome=\"MISSED\",provider=\"vonage\"}";
        String notFinal = "textback_webhooks_ignored_total{provider=\"vonage\",reason=\"not-final\"}";
        String unsigned = "textback_webhooks_refused_total{provider=\"vonage\",reason=\"signature-missing\"}";
        String invalid = "textback_webhooks_refused_total{provider=\"vonage\",reason=\"invalid\"}";
        String wrongType = "textback_webhooks_refused_total{provider=\"vonage\",reason=\"unsupported-media-type\"}";
        String twilioInvalid = "textback_webhooks_refused_total{provider=\"twilio\",reason=\"invalid\"}";
        String metrics = metrics();
        double[] before = {value(metrics, recorded), value(metrics, notFinal), value(metrics, unsigned),
            value(metrics, invalid), value(metrics, wrongType), value(metrics, twilioInvalid)};

        for (String status : new String[] {"busy", "unanswered"}) {
            VonageVoiceEventRouteTest.postEvent(status, "14155550161", number.substring(1), "0").then().statusCode(200);
        }
        String ringing = VonageVoiceEventRouteTest.event(UUID.randomUUID().toString(), "ringing", "14155550162",
                number.substring(1), "");
        VonageVoiceEventRouteTest.signed(ringing).post(VONAGE).then().statusCode(202);
        given().contentType("application/json").body(ringing).post(VONAGE).then().statusCode(401);
        VonageVoiceEventRouteTest.signed("{not json").post(VONAGE).then().statusCode(400);
        given().contentType("text/plain").body("status=busy").post(VONAGE).then().statusCode(415);
        // a REST-layer webhook, correctly signed but without its call id
        java.util.Map<String, java.util.List<String>> form = java.util.Map.of("CallStatus", java.util.List.of("busy"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("CallStatus", "busy")
                .header("X-Twilio-Signature", Signing.twilio(twilioUrl, form))
                .post("/webhooks/twilio/voice/status").then().statusCode(400);

        metrics = metrics();
        assertEquals(2, value(metrics, recorded) - before[0], recorded);
        assertEquals(1, value(metrics, notFinal) - before[1], notFinal);
        assertEquals(1, value(metrics, unsigned) - before[2], unsigned);
        assertEquals(1, value(metrics, invalid) - before[3], invalid);
        // A body whose Content-Length is over 64 KiB is refused 413 by the HTTP server before any route
        // runs, so textback_webhooks_refused_total cannot see it (http_server_requests does).
        assertEquals(1, value(metrics, wrongType) - before[4], wrongType);
        assertEquals(1, value(metrics, twilioInvalid) - before[5], twilioInvalid);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, 0 when it does not exist yet. */
    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
