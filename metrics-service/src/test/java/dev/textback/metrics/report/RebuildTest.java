package dev.textback.metrics.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.textback.infra.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The rebuild replays the topics into a fresh schema and switches to it: every report of a business
 * afterwards is exactly what the live fold had produced, even after the live read model was damaged.
 */
@QuarkusTest
class RebuildTest {
    @Inject
    EntityManager em;

    @Test
    void rebuiltReportsEqualTheLiveOnes() throws InterruptedException {
        RawEvents ev = new RawEvents("biz-" + UUID.randomUUID());
        String b = ev.businessId;
        ev.profile("Europe/London", "199.00", "80.00", 1);
        Instant t = Instant.parse("2025-06-30T22:30:00Z"); // 23:30 in London: the local day is June 30
        for (int i = 0; i < 8; i++) {
            Instant at = t.plusSeconds(1_800L * i);
            String caller = "+4477009001" + (10 + i);
            ev.call("c" + i + b, caller, i == 7 ? "ANSWERED" : "MISSED", at);
            if (i == 7) {
                continue;
            }
            if (i % 3 == 0) {
                ev.receipt("t" + i + b, "L" + i + b, caller, 0, "DELIVERED", at.plusSeconds(50)); // before its TextSent
            }
            ev.textSent("t" + i + b, "L" + i + b, "c" + i + b, caller, 0, i % 2 == 0 ? "A" : "B", at,
                    at.plusSeconds(10 + i), "0.0079");
            if (i % 3 != 0) {
                ev.receipt("t" + i + b, "L" + i + b, caller, 0, i == 4 ? "FAILED" : "DELIVERED", at.plusSeconds(50));
            }
            if (i % 2 == 1 || i == 0) {
                ev.reply("L" + i + b, caller, 0, at.plusSeconds(900));
            }
            if (i == 1 || i == 0) {
                ev.conversion("v" + i + b, caller, "c" + i + b, "95.50", i == 0, 1, at.plusSeconds(7 * 86_400));
            }
        }
        ev.conversion("v1" + b, "+447700900111", "c1" + b, "140.25", false, 2, t.plusSeconds(9 * 86_400));
        // Every event of a lead names the lead's caller, as sms-dispatch writes them: the fold keeps the first
        // caller it sees, so events disagreeing about it would make the result depend on arrival order.
        // What the set-based replay must also get right: the same row written twice in one batch, calls
        // joining or opening leads without a text, follow-ups, redeliveries.
        ev.suppressed("c8" + b, "L1" + b, "+447700900111", "DEDUPE_WINDOW", t.plusSeconds(1_800 + 600));
        ev.call("c8" + b, "+447700900111", "MISSED", t.plusSeconds(1_800 + 600));
        ev.suppressed("c9" + b, "L9" + b, "+447700900199", "OPTED_OUT", t.plusSeconds(4_000));
        ev.call("c9" + b, "+447700900199", "MISSED", t.plusSeconds(4_000));
        ev.suppressed("w" + b, null, null, "CALLER_WITHHELD", t.plusSeconds(4_100));
        ev.textSent("f2" + b, "L2" + b, "c2" + b, "+447700900112", 1, "A", t.plusSeconds(3_600),
                t.plusSeconds(3_600 + 86_400), "0.0081");
        ev.receipt("f2" + b, "L2" + b, "+447700900112", 1, "DELIVERED", t.plusSeconds(3_600 + 86_460));
        ev.receipt("t5" + b, "L5" + b, "+447700900115", 0, "FAILED", t.plusSeconds(9_000 + 40)); // older: loses
        ev.reply("L1" + b, "+447700900111", 1, t.plusSeconds(1_800 + 90_000)); // a second reply of the lead
        ev.redeliverLast();
        ev.reply("L6" + b, "+447700900116", -1, t.plusSeconds(11_000)); // not a reply to a text
        ev.optOut("L3" + b, "+447700900113", t.plusSeconds(5_400 + 2_000));
        ev.redeliverLast();

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().queryParam("from", "2025-06-30").queryParam("to", "2025-07-01")
                        .get("/api/businesses/{id}/roi", b).then().statusCode(200)
                        .body("texted", equalTo(7)).body("replied", equalTo(4)).body("revenue", equalTo(235.75f))
                        .body("leads", equalTo(8)).body("optedOut", equalTo(1)).body("suppressed.CALLER_WITHHELD", equalTo(1)));
        Map<String, String> live = settled(b);

        // Damage the live read model: only a replay of the topics can bring these rows back.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from lead_day where business_id = :b").setParameter("b", b).executeUpdate();
            em.createNativeQuery("delete from lead_fact where business_id = :b").setParameter("b", b).executeUpdate();
        });
        assertNotEquals(live, reports(b), "the damage shows");

        given().header("Authorization", "Bearer " + TestTokens.business(b)).post("/api/admin/rebuild").then()
                .statusCode(403);
        given().post("/api/admin/rebuild").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/api/admin/rebuild").then().statusCode(200).body("state", equalTo("DONE")));
        Map<String, Object> status = given().get("/api/admin/rebuild").then().extract().jsonPath().getMap("$");
        assertEquals(1.0f, ((Number) status.get("progress")).floatValue());
        assertTrue(((Number) status.get("replayed")).longValue() >= ((Number) status.get("total")).longValue());
        assertTrue(((Number) status.get("replayed")).longValue() >= 30, "at least this test's events were replayed");

        assertSameReports(live, reports(b));
        // The rebuilt schema has the live indexes under the migrations' names (later migrations name them).
        Object named = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select count(*) from pg_indexes where schemaname = 'metrics' and indexname in
                ('lead_fact_business_missed', 'lead_fact_business_rollup_day', 'conversion_fact_business_occurred_value')
                """).getSingleResult());
        assertEquals(3L, ((Number) named).longValue());
    }

    /**
     * Compares report by report and names the first place where one differs: a whole-map message is
     * thousands of characters, and a CI log cuts it before the difference.
     */
    private static void assertSameReports(Map<String, String> live, Map<String, String> rebuilt) {
        for (Map.Entry<String, String> e : live.entrySet()) {
            String a = e.getValue();
            String r = rebuilt.get(e.getKey());
            if (a.equals(r)) {
                continue;
            }
            int at = 0;
            while (at < Math.min(a.length(), r.length()) && a.charAt(at) == r.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 160);
            throw new AssertionError("report '" + e.getKey() + "' differs at character " + at + ": live ..."
                    + a.substring(from, Math.min(a.length(), at + 160)) + "... rebuilt ..."
                    + r.substring(from, Math.min(r.length(), at + 160)) + "...");
        }
        assertEquals(live.keySet(), rebuilt.keySet());
    }

    /** The reports once every event sent has been folded: two readings a moment apart agree. */
    private static Map<String, String> settled(String b) throws InterruptedException {
        Map<String, String> before = reports(b);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1_500);
            Map<String, String> now = reports(b);
            if (now.equals(before)) {
                return now;
            }
            before = now;
        }
        throw new AssertionError("the live reports do not settle");
    }

    private static Map<String, String> reports(String b) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("roi", get("/api/businesses/{id}/roi?from=2025-06-01&to=2025-07-31", b));
        out.put("activity", get("/api/businesses/{id}/roi?from=2025-06-01&to=2025-07-31&view=activity", b));
        out.put("months", get("/api/businesses/{id}/months?to=2025-07", b));
        out.put("variants", get("/api/businesses/{id}/variants?from=2025-06-01&to=2025-07-31", b));
        out.put("steps", get("/api/businesses/{id}/steps?from=2025-06-01&to=2025-07-31", b));
        out.put("leads", get("/api/businesses/{id}/leads?from=2025-06-01&to=2025-07-31", b));
        return out;
    }

    private static String get(String path, String b) {
        return given().get(path, b).then().statusCode(200).extract().asString();
    }
}
