package dev.textback.crm.reliability;

import static dev.textback.crm.CrmFixtures.businessId;
import static dev.textback.crm.CrmFixtures.createBusiness;
import static dev.textback.crm.CrmFixtures.kafka;
import static dev.textback.crm.CrmFixtures.phone;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.OptOutChanged;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatus;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Replaying the same calls, texts and conversions a second time leaves the database exactly as the
 * first time: every table this business touches is dumped after each pass and the dumps compared.
 */
@QuarkusTest
class ReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;

    private record Sent(String topic, String key, String id, String type, String body) {
    }

    @Test
    void applyingEverythingTwiceEqualsApplyingItOnce() throws Exception {
        String biz = businessId();
        String number = phone();
        createBusiness(biz, number);
        // A connector, so the delivery queue is part of the state compared (its URL refuses connections).
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hook"))
                .when().put("/api/businesses/" + biz + "/connectors/webhook").then().statusCode(200);

        List<String> callers = List.of(phone(), phone(), phone());
        List<Sent> events = events(biz, number, callers);
        List<Map<String, Object>> conversions = List.of(
                Map.of("phone", callers.get(0), "type", "appointment_booked", "externalId", "r-1"),
                Map.of("phone", callers.get(0), "type", "appointment_booked", "externalId", "r-1", "value", 410),
                Map.of("phone", callers.get(1), "type", "sale", "value", 99.5, "externalId", "r-2"),
                Map.of("phone", phone(), "type", "form_completed", "externalId", "r-3"));

        long started = System.nanoTime();
        Map<String, List<String>> once = pass(biz, callers, events, conversions);
        Map<String, List<String>> twice = pass(biz, callers, events, conversions);
        System.out.printf("replay test: two passes of %d events and %d conversions in %d ms%n", events.size(),
                conversions.size(), (System.nanoTime() - started) / 1_000_000);

        assertTrue(once.get("contact").size() == 4 && once.get("missed_call").size() == 3
                && once.get("conversion").size() == 3 && !once.get("crm_delivery").isEmpty(), once.toString());
        assertTrue(once.get("contact_event").size() >= events.size(), once.toString());
        for (String table : once.keySet()) {
            assertEquals(once.get(table), twice.get(table), "table " + table + " changed on replay");
        }
    }

    /** Sends every event and conversion, waits until the consumers got past them, then dumps the state. */
    private Map<String, List<String>> pass(String biz, List<String> callers, List<Sent> events,
            List<Map<String, Object>> conversions) throws Exception {
        for (Sent e : events) {
            TopicWriter.send(kafka(), e.topic(), e.key(), e.id(), e.type(), TextTopic.SOURCE, e.body());
        }
        for (Map<String, Object> c : conversions) {
            given().contentType(ContentType.JSON).body(c)
                    .when().post("/api/businesses/" + biz + "/conversions").then().statusCode(org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.equalTo(200), org.hamcrest.Matchers.equalTo(201)));
        }
        // A witness per caller, behind their events on the same partitions: a known type that changes no
        // state (no recipient) but is recorded as processed, so its id shows when the consumer got there.
        List<String> witnesses = new ArrayList<>();
        for (String caller : callers) {
            for (String topic : List.of(CallTopic.NAME, TextTopic.NAME)) {
                String id = "witness-" + UUID.randomUUID();
                witnesses.add(id);
                String body = topic.equals(CallTopic.NAME)
                        ? json.writeValueAsString(new CallEnded("w-" + id, "generic", biz, null, false, null,
                                CallOutcome.MISSED, "withheld", null, null, 0))
                        : json.writeValueAsString(new TextStatusChanged("t-" + id, "l-" + id, biz, null, 0,
                                TextStatus.DELIVERED, null, null, null, null, null));
                TopicWriter.send(kafka(), topic, topic.equals(CallTopic.NAME) ? CallTopic.key(biz, caller)
                        : TextTopic.key(biz, caller), id, topic.equals(CallTopic.NAME) ? CallTopic.CALL_ENDED
                        : TextTopic.TEXT_STATUS_CHANGED, TextTopic.SOURCE, body);
            }
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where event_id in (:ids)")
                        .setParameter("ids", witnesses).getSingleResult()).intValue() == witnesses.size()));
        List<String> eventIds = events.stream().map(Sent::id).toList();
        return QuarkusTransaction.requiringNew().call(() -> dump(biz, eventIds));
    }

    private Map<String, List<String>> dump(String biz, List<String> eventIds) {
        String contacts = "(select id from contact where business_id = :b)";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("contact", "select * from contact where business_id = :b order by id");
        queries.put("contact_tag", "select * from contact_tag where contact_id in " + contacts + " order by contact_id, tag");
        queries.put("contact_event", "select * from contact_event where contact_id in " + contacts + " order by id");
        queries.put("missed_call", "select * from missed_call where business_id = :b order by call_id");
        queries.put("conversion", "select * from conversion where business_id = :b order by id");
        // Delivery attempts move on their own (the URL refuses connections); what was queued must not.
        queries.put("crm_delivery", "select connector, kind, dedupe_key, payload, created_at from crm_delivery"
                + " where business_id = :b order by id");
        queries.put("processed_event", "select * from processed_event where event_id in (:ids) order by event_id");
        Map<String, List<String>> dump = new LinkedHashMap<>();
        queries.forEach((table, sql) -> {
            var q = em.createNativeQuery("select row_to_json(t)::text from (" + sql + ") t");
            if (sql.contains(":b")) {
                q.setParameter("b", biz);
            }
            if (sql.contains(":ids")) {
                q.setParameter("ids", eventIds);
            }
            @SuppressWarnings("unchecked")
            List<String> rows = q.getResultList();
            dump.put(table, rows);
        });
        return dump;
    }

    private List<Sent> events(String biz, String number, List<String> callers) throws Exception {
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        List<Sent> out = new ArrayList<>();
        int i = 0;
        for (String caller : callers) {
            i++;
            String callKey = CallTopic.key(biz, caller);
            String textKey = TextTopic.key(biz, caller);
            String callId = "call-" + UUID.randomUUID();
            String textId = "text-" + UUID.randomUUID();
            Instant ended = t.plusSeconds(60L * i);
            out.add(new Sent(CallTopic.NAME, callKey, UUID.randomUUID().toString(), CallTopic.CALL_ENDED,
                    json.writeValueAsString(new CallEnded(callId, "vonage", biz, caller, true, number,
                            CallOutcome.MISSED, "unanswered", ended.minusSeconds(25), ended, 0))));
            out.add(new Sent(TextTopic.NAME, textKey, UUID.randomUUID().toString(), TextTopic.TEXT_SENT,
                    json.writeValueAsString(new TextSent(textId, "lead-" + callId, biz, callId, caller, number, 0, "A",
                            ended, ended.plusSeconds(3), "msg-" + textId, 1, null, null))));
            out.add(new Sent(TextTopic.NAME, textKey, UUID.randomUUID().toString(), TextTopic.TEXT_STATUS_CHANGED,
                    json.writeValueAsString(new TextStatusChanged(textId, "lead-" + callId, biz, caller, 0,
                            TextStatus.DELIVERED, null, null, null, null, ended.plusSeconds(9)))));
            out.add(new Sent(TextTopic.NAME, textKey, UUID.randomUUID().toString(), TextTopic.REPLY_RECEIVED,
                    json.writeValueAsString(new ReplyReceived("reply-" + callId, "lead-" + callId, biz, caller,
                            "Yes please, book me in", 0, ended.plusSeconds(120)))));
        }
        out.add(new Sent(TextTopic.NAME, TextTopic.key(biz, callers.get(2)), UUID.randomUUID().toString(),
                TextTopic.OPT_OUT_CHANGED, json.writeValueAsString(new OptOutChanged(biz, callers.get(2), true, "STOP",
                        null, t.plusSeconds(3600)))));
        return out;
    }
}
