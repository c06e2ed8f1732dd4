package dev.textback.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.TextTemplate;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicWriter;

/** Publishes a fresh business for one test, the way crm-sync would, and waits until it is routed. */
public final class TestBusinesses {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestBusinesses() {
    }

    /** A random valid US number (New York 212, exchange 200-899). */
    public static String randomNumber() {
        return "+1212" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    public static BusinessProfile publish(String number) throws Exception {
        return publish(profile("biz-" + UUID.randomUUID(), List.of(number), null, null, 1));
    }

    public static BusinessProfile profile(String id, List<String> numbers, String forwardTo, Integer ringTimeout,
            long revision) {
        return new BusinessProfile(id, "Test Plumbing", "US", "America/New_York", numbers, forwardTo, true,
                List.of(new TextTemplate("A", "Sorry we missed you at {business}!", 1)), 24,
                new BigDecimal("250.00"), new BigDecimal("99.00"), "USD", 30, revision, Instant.now(),
                List.of(), null, List.of(), ringTimeout, null);
    }

    /** Publishes the profile and waits until its first number routes to it. */
    public static BusinessProfile publish(BusinessProfile profile) throws Exception {
        send(profile.businessId(), MAPPER.writeValueAsString(profile));
        String number = profile.numbers().get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = given().get("/api/routing/" + number);
            return r.statusCode() == 200 && profile.businessId().equals(r.path("businessId"));
        });
        return profile;
    }

    /** A null body is a tombstone: the business is deleted. */
    public static void send(String businessId, String body) {
        TopicWriter.send(TestInfrastructure.kafkaBootstrapServers(), BusinessTopic.NAME, businessId,
                UUID.randomUUID().toString(), BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE, body);
    }
}
