package dev.textback.dispatch.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.events.TextingWindow;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.EventSchemas;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicReader;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.TextTopic;

/** Test data and Kafka plumbing shared by the @QuarkusTests. Every test makes its own business and callers. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A business as a test sees it. */
    public record TestBusiness(String id, String name, String number) {
    }

    private Fixtures() {
    }

    public static String bootstrap() {
        return TestInfrastructure.kafkaBootstrapServers();
    }

    public static String randomPhone() {
        return "+1555" + String.format("%07d", RANDOM.nextInt(10_000_000));
    }

    /** Publishes a fresh enabled business (24 h dedupe window) and waits until sms-dispatch stored it. */
    public static TestBusiness givenBusiness() {
        String id = "biz-" + UUID.randomUUID();
        String name = "Acme " + id.substring(4, 10);
        String number = randomPhone();
        BusinessProfile p = new BusinessProfile(id, name, "US", "America/New_York", List.of(number, randomPhone()),
                null, true, List.of(new TextTemplate("A", "Sorry we missed your call at {business}! How can we help?", 1),
                        new TextTemplate("B", "Hi, {business} here: we missed you. What can we do for you?", 1)),
                24, new BigDecimal("250.00"), new BigDecimal("99.00"), "USD", 30, 1, Instant.now(),
                List.of(), null, List.of(), null, null);
        publishBusiness(p);
        awaitBusinessRevision(id, 1);
        return new TestBusiness(id, name, number);
    }

    /**
     * A fresh enabled business with these settings (null = not set).
     *
     * @param dedupeWindowHours 0 turns the dedupe window off
     */
    public static TestBusiness givenBusiness(String timeZone, int dedupeWindowHours, TextingWindow window,
            List<FollowUpStep> followUps, String bookingLink) {
        String id = "biz-" + UUID.randomUUID();
        String name = "Acme " + id.substring(4, 10);
        String number = randomPhone();
        BusinessProfile p = new BusinessProfile(id, name, "US", timeZone, List.of(number), null, true,
                List.of(new TextTemplate("A", "Sorry we missed your call at {business}!", 1)), dedupeWindowHours,
                new BigDecimal("250.00"), new BigDecimal("99.00"), "USD", 30, 1, Instant.now(), List.of(), window,
                followUps == null ? List.of() : followUps, null, bookingLink);
        publishBusiness(p);
        awaitBusinessRevision(id, 1);
        return new TestBusiness(id, name, number);
    }

    public static void publishBusiness(BusinessProfile p) {
        TopicWriter.send(bootstrap(), BusinessTopic.NAME, p.businessId(), UUID.randomUUID().toString(),
                BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE, json(p));
    }

    public static void awaitBusinessRevision(String businessId, long revision) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().get("/api/businesses/{id}", businessId);
            return r.statusCode() == 200 && r.jsonPath().getLong("revision") == revision;
        });
    }

    public static CallEnded missedCall(TestBusiness b, String caller, Instant endedAt) {
        return new CallEnded("call-" + UUID.randomUUID(), "vonage", b.id(), caller, caller != null, b.number(),
                CallOutcome.MISSED, "timeout", endedAt.minusSeconds(30), endedAt, 0);
    }

    /** Publishes a CallEnded with this CloudEvent id (the same id again is a redelivery). */
    public static void publishCall(String eventId, CallEnded call) {
        TopicWriter.send(bootstrap(), CallTopic.NAME, CallTopic.key(call.businessId(), call.caller()), eventId,
                CallTopic.CALL_ENDED, CallTopic.SOURCE, json(call));
    }

    public static String publishCall(CallEnded call) {
        String eventId = UUID.randomUUID().toString();
        publishCall(eventId, call);
        return eventId;
    }

    /** Waits for at least {@code min} events of this type about this caller at this business. */
    public static List<CloudEventRecord> awaitEvents(String businessId, String phone, String type, int min) {
        return awaitEvents(businessId, phone, type, min, e -> true);
    }

    public static List<CloudEventRecord> awaitEvents(String businessId, String phone, String type, int min,
            Predicate<JsonNode> match) {
        String key = TextTopic.key(businessId, phone);
        List<CloudEventRecord> found = TopicReader.await(bootstrap(), TextTopic.NAME,
                e -> key.equals(e.key()) && type.equals(e.type()) && match.test(body(e)), min, WAIT);
        assertTrue(found.size() >= min, "expected at least " + min + " " + type + " for " + key + ", got " + found.size());
        return found;
    }

    public static List<CloudEventRecord> events(String businessId, String phone, String type) {
        String key = TextTopic.key(businessId, phone);
        return TopicReader.readAll(bootstrap(), TextTopic.NAME, e -> key.equals(e.key()) && type.equals(e.type()));
    }

    public static JsonNode body(CloudEventRecord e) {
        try {
            return JSON.readTree(e.body());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Asserts the event body matches the schema its contract ships. */
    public static void assertValid(String schema, CloudEventRecord e) {
        assertEquals(List.of(), EventSchemas.violations("schemas/" + schema, e.body()), e.body());
        assertEquals(TextTopic.SOURCE, e.source());
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> vonageReceipt(String messageId, String clientRef, String caller, String status) {
        return Map.of("msisdn", caller.substring(1), "to", "TEXTBACK", "network-code", "310004", "messageId",
                messageId, "price", "0.00790000", "status", status, "scts", "2601011200", "err-code", "0",
                "client-ref", clientRef, "message-timestamp", "2026-01-01 12:00:05");
    }

    public static Map<String, String> vonageInbound(String messageId, String caller, String businessNumber,
            String text) {
        return Map.of("msisdn", caller.substring(1), "to", businessNumber.substring(1), "messageId", messageId,
                "text", text, "type", "text", "keyword", text.split("\\s+")[0].toUpperCase(),
                "message-timestamp", "2026-01-01 12:01:00");
    }

    public static void settle() {
        try {
            Thread.sleep(1500); // let any wrongly produced duplicate reach the topic before counting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
