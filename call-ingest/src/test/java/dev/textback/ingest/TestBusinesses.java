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

    /** A random valid US number (555 exchange numbers are not valid; 201-555-01xx style are avoided). */
    public static String randomNumber() {
        return "+1212" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    public static BusinessProfile publish(String number) throws Exception {
        BusinessProfile profile = new BusinessProfile("biz-" + UUID.randomUUID(), "Test Plumbing", "US",
                "America/New_York", List.of(number), null, true,
                List.of(new TextTemplate("A", "Sorry we missed you at {business}!", 1)), 24,
                new BigDecimal("250.00"), new BigDecimal("99.00"), "USD", 30, 1, Instant.now(),
                List.of(), null, List.of(), null, null);
        TopicWriter.send(TestInfrastructure.kafkaBootstrapServers(), BusinessTopic.NAME, profile.businessId(),
                UUID.randomUUID().toString(), BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE,
                MAPPER.writeValueAsString(profile));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/routing/" + number).statusCode() == 200);
        return profile;
    }
}
