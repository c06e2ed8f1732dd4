package dev.textback.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules by which the checker decides what a service reads, serves and consumes. */
class ServiceFactsTest {

    @Test
    void readsReferencedVariablesAndTheEnvironmentFormOfItsKeys(@TempDir Path root) throws Exception {
        Path svc = root.resolve("demo");
        Files.createDirectories(svc.resolve("src/main/resources"));
        Files.createDirectories(svc.resolve("src/main/java/demo"));
        Files.writeString(svc.resolve("src/main/resources/application.properties"), String.join("\n",
                "quarkus.application.name=demo",
                "quarkus.http.port=${PORT:8089}",
                "quarkus.shutdown.timeout=${TEXTBACK_SHUTDOWN_TIMEOUT:20s}",
                "%prod.quarkus.datasource.jdbc.url=${TEXTBACK_DB_URL:jdbc:postgresql://x/y}",
                "quarkus.datasource.db-kind=postgresql",
                "mp.jwt.verify.publickey.location=/keys/public.pem",
                "mp.messaging.incoming.calls.topic=textback.calls.v1",
                "mp.messaging.incoming.calls.dead-letter-queue.topic=textback.demo.dlq.v1",
                "mp.messaging.incoming.routing.topic=textback.businesses.v1",
                "mp.messaging.incoming.routing.group.id=demo-routing-${quarkus.uuid}",
                "mp.messaging.outgoing.texts.topic=textback.texts.v1"));
        Files.writeString(svc.resolve("src/main/java/demo/Hook.java"), String.join("\n",
                "@Path(\"/webhooks\")", "class Hook {", "  @POST @Path(\"/bookings/{id}\") void a() {}",
                "  void b() { meters.counter(\"textback.demo.hooks\", \"result\", r).increment(); }", "}"));

        ServiceFacts f = ServiceFacts.read(root, "demo");

        assertEquals(8089, f.port());
        assertTrue(f.readsEnv("TEXTBACK_DB_URL"), "referenced as ${TEXTBACK_DB_URL");
        assertTrue(f.readsEnv("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), "environment form of a key in the file");
        assertTrue(f.readsEnv("QUARKUS_DATASOURCE_JDBC_URL"), "environment form of a %prod key, profile dropped");
        assertFalse(f.readsEnv("QUARKUS_DATASOURCE_PASSWORD"), "no such key in the file");
        assertFalse(f.readsEnv("VONAGE_API_KEY"));
        assertEquals(Map.of("textback.calls.v1", "demo", "textback.businesses.v1", "demo-routing-${quarkus.uuid}"),
                f.consumerGroups(), "group.id defaults to quarkus.application.name");
        assertTrue(f.allTopics().containsAll(java.util.List.of("textback.texts.v1", "textback.demo.dlq.v1")));
        assertEquals(java.util.List.of("/webhooks/bookings/{id}"), f.webhookPaths(), "class and method paths joined");
        assertTrue(f.prometheusCounters().contains("textback_demo_hooks_total"));
        assertEquals(Duration.ofSeconds(20), f.shutdownTimeout(Map.of()));
        assertEquals(Duration.ofSeconds(25), f.shutdownTimeout(Map.of("TEXTBACK_SHUTDOWN_TIMEOUT", "25s")));
        assertTrue(f.hasDatabase());
        assertEquals("/q/health/ready", f.healthPath("ready"));
        assertEquals("/q/metrics", f.metricsPath());
    }

    @Test
    void seesPlainVertxRoutesAndPlainKafkaProducers(@TempDir Path root) throws Exception {
        Path svc = root.resolve("demo");
        Files.createDirectories(svc.resolve("src/main/resources"));
        Files.createDirectories(svc.resolve("src/main/java/demo"));
        Files.createDirectories(svc.resolve("events/src/main/java/demo/events"));
        Files.writeString(svc.resolve("src/main/resources/application.properties"), "quarkus.application.name=demo\n");
        Files.writeString(svc.resolve("events/src/main/java/demo/events/DemoTopic.java"),
                "public final class DemoTopic {\n    public static final String NAME = \"textback.demo.v1\";\n}\n");
        Files.writeString(svc.resolve("src/main/java/demo/Route.java"), String.join("\n",
                "class Route {", "  static final String PATH = \"/webhooks/demo/event\";",
                "  void register(@Observes Router router) { router.post(PATH).handler(this::on);",
                "    router.route(\"/webhooks/*\").order(-1).handler(this::count); }", "}"));
        Files.writeString(svc.resolve("src/main/java/demo/Publisher.java"), String.join("\n",
                "class Publisher {", "  void send() { producer.send(new ProducerRecord<>(DemoTopic.NAME, key, body)); }", "}"));

        ServiceFacts f = ServiceFacts.read(root, "demo");

        assertEquals(java.util.List.of("/webhooks/demo/event"), f.webhookPaths(), "a route's path, not only @Path; not a wildcard filter");
        assertEquals(java.util.Set.of("textback.demo.v1"), f.producedTopics(), "the topic of a plain producer");
    }

    @Test
    void theRealCallIngestServesItsVonageEventRouteAndProducesTheCallsTopic() {
        ServiceFacts f = ServiceFacts.read(Project.root(), "call-ingest");
        assertTrue(f.webhookPaths().contains("/webhooks/vonage/voice/event"), f.webhookPaths().toString());
        assertTrue(f.producedTopics().contains("textback.calls.v1"), f.producedTopics().toString());
    }

    @Test
    void healthPathsFollowTheQuarkusSettings(@TempDir Path root) throws Exception {
        Path svc = root.resolve("demo");
        Files.createDirectories(svc.resolve("src/main/resources"));
        Files.createDirectories(svc.resolve("src/main/java"));
        Files.writeString(svc.resolve("src/main/resources/application.properties"), String.join("\n",
                "quarkus.http.root-path=/app",
                "quarkus.smallrye-health.root-path=/status",
                "quarkus.smallrye-health.readiness-path=ok"));
        ServiceFacts f = ServiceFacts.read(root, "demo");
        assertEquals("/status/ok", f.healthPath("ready"), "an absolute health root stands alone");
        assertEquals("/status/live", f.healthPath("live"));
        assertEquals("/app/q/metrics", f.metricsPath(), "the non-application root hangs under the root path");
    }

    @Test
    void environmentFormFollowsMicroProfileConfig() {
        assertEquals("MP_JWT_VERIFY_PUBLICKEY_LOCATION", ServiceFacts.envForm("mp.jwt.verify.publickey.location"));
        assertEquals("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", ServiceFacts.envForm("quarkus.datasource.jdbc.max-size"));
        assertEquals("kafka.bootstrap.servers", ServiceFacts.stripProfile("%prod.kafka.bootstrap.servers"));
        assertEquals(Duration.ofMillis(1500), ServiceFacts.duration("1500ms"));
        assertEquals(Duration.ofMinutes(2), ServiceFacts.duration("PT2M"));
    }
}
