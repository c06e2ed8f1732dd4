package dev.textback.crm;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicReader;
import io.restassured.http.ContentType;

/** Fresh ids and numbers per test, so tests never see each other's data. */
public final class CrmFixtures {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private CrmFixtures() {
    }

    public static String businessId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A random, possible US number in E.164 (area code 212, exchange 200-999). */
    public static String phone() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "+1212" + r.nextInt(200, 1000) + String.format("%04d", r.nextInt(10_000));
    }

    public static Map<String, Object> business(String id, String... numbers) {
        Map<String, Object> body = new HashMap<>();
        body.put("businessId", id);
        body.put("name", "Bright Smile Dental " + id);
        body.put("timeZone", "America/New_York");
        body.put("numbers", List.of(numbers));
        body.put("template", "Sorry we missed your call at {business}! Reply STOP to opt out.");
        body.put("averageClientValue", 180);
        body.put("monthlyCost", 99);
        return body;
    }

    public static void createBusiness(String id, String... numbers) {
        given().contentType(ContentType.JSON).body(business(id, numbers))
                .when().post("/api/businesses")
                .then().statusCode(201);
    }

    public static String kafka() {
        return TestInfrastructure.kafkaBootstrapServers();
    }

    public static List<CloudEventRecord> await(String topic, Predicate<CloudEventRecord> match, int min) {
        return TopicReader.await(kafka(), topic, match, min, WAIT);
    }

    public static List<CloudEventRecord> readAll(String topic, Predicate<CloudEventRecord> match) {
        return TopicReader.readAll(kafka(), topic, match);
    }
}
