package dev.textback.local.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.local.report.RoiReport;
import dev.textback.local.simulator.Http;
import dev.textback.local.stack.LocalStack;
import dev.textback.local.stack.StackOptions;

/**
 * The seeded simulator through the four packaged services, then every figure of every business's
 * ROI summary (and its variants) held against two independent sources: the simulator's ground truth
 * (what the local stack's report compares) and a recomputation from the raw events on the topics
 * ({@link RawEventFigures}). All must be equal.
 * <p>
 * The calls happen in real time (sms-dispatch would suppress a call weeks old as stale), so this covers
 * one seeded burst of 40 calls per business, not weeks of simulated history. About 70 s.
 */
class MetricsRecomputedEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void everyFigureEqualsTheGroundTruthAndARecomputationFromTheRawEvents() throws Exception {
        Path home = Path.of(System.getProperty("textback.home", "../..")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(new StackOptions(home, true, 11, 40));
        try {
            boolean ok = stack.run();
            List<RoiReport.Row> rows = stack.rows();
            assertEquals(3, rows.size());

            String metrics = stack.services().get("metrics-service").url();
            // The stack's own broker, or the one it was given (as LocalStack resolves it: property, then env).
            String given = System.getProperty("kafka.bootstrap.servers");
            String bootstrap = stack.broker() != null ? stack.broker().bootstrapServers()
                    : given != null && !given.isBlank() ? given : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            List<String> differences = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            do {
                differences.clear();
                RawEventFigures raw = RawEventFigures.read(bootstrap);
                for (RoiReport.Row row : rows) {
                    compare(metrics, raw, row, differences);
                }
            } while (!differences.isEmpty() && System.currentTimeMillis() < deadline && pause());
            assertEquals(List.of(), differences, "metrics-service against the raw events");
            for (RoiReport.Row row : rows) {
                assertEquals(List.of(), row.mismatches(), row.truth().business().name() + " differs from the ground truth");
            }
            assertTrue(ok, "every simulated action was accepted and every figure matched the ground truth");
        } finally {
            stack.close();
        }
    }

    private static void compare(String metrics, RawEventFigures raw, RoiReport.Row row, List<String> differences)
            throws Exception {
        String id = row.truth().business().id();
        String range = "from=" + row.from() + "&to=" + row.to();
        JsonNode actual = JSON.readTree(Http.get(metrics + "/api/businesses/" + id + "/roi?" + range).body());
        Map<String, Object> expected = raw.cohort(id, row.from(), row.to());
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object want = e.getValue();
            JsonNode got = actual.get(e.getKey());
            Object have = got == null || got.isNull() ? null
                    : want instanceof Map ? JSON.convertValue(got, TreeMap.class)
                    : got.isIntegralNumber() && !(want instanceof BigDecimal) ? (Object) got.asLong() : got.decimalValue();
            if (want instanceof Integer i) {
                want = i.longValue();
            }
            if (want instanceof Map<?, ?> m) {
                Map<String, Long> norm = new TreeMap<>();
                m.forEach((k, v) -> norm.put((String) k, ((Number) v).longValue()));
                want = norm;
                if (have instanceof Map<?, ?> h) {
                    Map<String, Long> n2 = new TreeMap<>();
                    h.forEach((k, v) -> n2.put((String) k, ((Number) v).longValue()));
                    have = n2;
                }
            }
            if (want instanceof BigDecimal w && have instanceof BigDecimal h ? w.compareTo(h) != 0
                    : !java.util.Objects.equals(want, have)) {
                differences.add(id + " " + e.getKey() + ": service " + have + ", raw events " + want);
            }
        }
        JsonNode variants = JSON.readTree(Http.get(metrics + "/api/businesses/" + id + "/variants?" + range).body());
        Map<String, List<Long>> reported = new TreeMap<>();
        for (JsonNode v : variants.path("variants")) {
            reported.put(v.path("variant").asText(), List.of(v.path("texted").asLong(), v.path("delivered").asLong(),
                    v.path("replied").asLong(), v.path("converted").asLong()));
        }
        Map<String, List<Long>> recomputed = raw.variants(id, row.from(), row.to());
        if (!reported.equals(recomputed)) {
            differences.add(id + " variants: service " + reported + ", raw events " + recomputed);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
