package dev.textback.local.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.local.report.RoiReport;
import dev.textback.local.simulator.BusinessTruth;
import dev.textback.local.simulator.ExpectedRoi;
import dev.textback.local.simulator.Http;
import dev.textback.local.stack.LocalStack;
import dev.textback.local.stack.StackOptions;

/**
 * Several simulated weeks through the four packaged services, then every figure of every business's
 * ROI summary (and its variants and suppressions) held against two independent sources: the
 * simulator's ground truth and a recomputation from the raw events on the topics
 * ({@link RawEventFigures}). All must be equal, for the whole history, for each week of it and for each
 * calendar month it touches.
 * <p>
 * Four weeks are played as 22 sessions 30 simulated hours apart, with sms-dispatch's clock moved to
 * each session (the local stack allows it) and its quiet hours on, so sessions at night defer texts to
 * the recipient's morning and the simulator checks that no text arrives outside the legal hours:
 * callers ring again days later and open new leads, join an active conversation or stay opted out;
 * some bookings come days after the reply and are credited to the caller's latest missed call. Then metrics-service rebuilds its read model from the topics and
 * every comparison is made again. About two and a half minutes.
 */
class MetricsRecomputedEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int WEEKS = 4;

    @Test
    void everyFigureOfSeveralSimulatedWeeksEqualsTheGroundTruthAndARecomputationFromTheRawEvents() throws Exception {
        Path home = Path.of(System.getProperty("textback.home", "../..")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(new StackOptions(home, true, 11, 88, WEEKS));
        try {
            boolean ok = stack.run();
            List<RoiReport.Row> rows = stack.rows();
            assertEquals(3, rows.size());

            String metrics = stack.services().get("metrics-service").url();
            // The stack's own broker, or the one it was given (as LocalStack resolves it: property, then env).
            String given = System.getProperty("kafka.bootstrap.servers");
            String bootstrap = stack.broker() != null ? stack.broker().bootstrapServers()
                    : given != null && !given.isBlank() ? given : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            int ranges = compareUntilEqual(metrics, bootstrap, rows, "live");
            assertTrue(ranges >= 3 * (WEEKS + 2), "whole history, every week and every month compared: " + ranges);

            // the same history replayed from the topics into a fresh read model must give the same figures
            assertEquals(202, Http.postJson(metrics + "/api/admin/rebuild", "").status(), "rebuild started");
            JsonNode rebuild = JSON.createObjectNode();
            long until = System.currentTimeMillis() + 180_000;
            while (System.currentTimeMillis() < until) {
                rebuild = JSON.readTree(Http.get(metrics + "/api/admin/rebuild").body());
                if (List.of("DONE", "FAILED").contains(rebuild.path("state").asText())) {
                    break;
                }
                pause();
            }
            assertEquals("DONE", rebuild.path("state").asText(), "rebuild: " + rebuild);
            assertTrue(rebuild.path("total").asLong() > 500
                    && rebuild.path("replayed").asLong() == rebuild.path("total").asLong(),
                    "the whole history was replayed: " + rebuild);
            compareUntilEqual(metrics, bootstrap, rows, "after the rebuild");
            for (RoiReport.Row row : rows) {
                assertEquals(List.of(), row.mismatches(), row.truth().business().name() + " differs from the ground truth");
                Map<String, Long> suppressed = ExpectedRoi.suppressed(row.truth(), row.from(), row.to());
                for (String reason : List.of("DEDUPE_WINDOW", "ACTIVE_CONVERSATION", "CALLER_WITHHELD")) {
                    assertTrue(suppressed.getOrDefault(reason, 0L) > 0,
                            row.truth().business().name() + ": the history exercised " + reason + " " + suppressed);
                }
                assertTrue(row.truth().repeatLeads() > 0, "some callers opened a second lead days later");
                Map<Integer, List<Long>> steps = ExpectedRoi.steps(row.truth(), row.from(), row.to());
                assertTrue(steps.containsKey(1) && steps.get(1).get(1) > 0,
                        row.truth().business().name() + ": follow-ups went out and some were answered " + steps);
            }
            assertTrue(rows.stream().anyMatch(r -> ExpectedRoi.suppressed(r.truth(), r.from(), r.to()).containsKey("OPTED_OUT")),
                    "an opted-out caller rang again");
            // quiet hours at the simulated hour: some first texts waited for the morning, none went out at night
            assertTrue(rows.stream().mapToLong(r -> r.truth().deferredFirstTexts()).sum() > 0,
                    "some calls came at night and their texts were deferred");
            assertEquals(0, stack.simulation().textsOutsideLegalHours(), "texts outside the recipient's legal hours");
            assertTrue(ok, "every simulated action was accepted and every figure matched the ground truth");
        } finally {
            stack.close();
        }
    }

    /** Compares every range of every business until all agree (the fold is asynchronous) or 30 s pass; the ranges compared. */
    private static int compareUntilEqual(String metrics, String bootstrap, List<RoiReport.Row> rows, String when)
            throws Exception {
        List<String> differences = new ArrayList<>();
        int ranges;
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            differences.clear();
            ranges = 0;
            RawEventFigures raw = RawEventFigures.read(bootstrap);
            for (RoiReport.Row row : rows) {
                for (LocalDate[] range : ranges(row.from(), row.to())) {
                    compare(metrics, raw, row.truth(), range[0], range[1], differences);
                    ranges++;
                }
            }
        } while (!differences.isEmpty() && System.currentTimeMillis() < deadline && pause());
        assertEquals(List.of(), differences, when + ": metrics-service against the ground truth and the raw events");
        return ranges;
    }

    /** The whole range, each Monday-to-Sunday week in it, and each calendar month it touches (clipped). */
    private static List<LocalDate[]> ranges(LocalDate from, LocalDate to) {
        List<LocalDate[]> out = new ArrayList<>();
        out.add(new LocalDate[] {from, to});
        for (LocalDate d = from.with(DayOfWeek.MONDAY); !d.isAfter(to); d = d.plusWeeks(1)) {
            out.add(new LocalDate[] {d.isBefore(from) ? from : d, d.plusDays(6).isAfter(to) ? to : d.plusDays(6)});
        }
        for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
            LocalDate end = m.plusMonths(1).minusDays(1);
            out.add(new LocalDate[] {m.isBefore(from) ? from : m, end.isAfter(to) ? to : end});
        }
        return out;
    }

    private static void compare(String metrics, RawEventFigures raw, BusinessTruth truth, LocalDate from, LocalDate to,
            List<String> differences) throws Exception {
        String id = truth.business().id();
        String range = "from=" + from + "&to=" + to;
        JsonNode actual = JSON.readTree(Http.get(metrics + "/api/businesses/" + id + "/roi?" + range).body());
        Map<String, Object> truthFigures = new TreeMap<>(ExpectedRoi.compute(truth, from, to));
        truthFigures.put("suppressed", ExpectedRoi.suppressed(truth, from, to));
        compare(id + " " + range + " truth", truthFigures, actual, differences);
        compare(id + " " + range + " raw events", raw.cohort(id, from, to), actual, differences);
        JsonNode variants = JSON.readTree(Http.get(metrics + "/api/businesses/" + id + "/variants?" + range).body());
        Map<String, List<Long>> reported = new TreeMap<>();
        for (JsonNode v : variants.path("variants")) {
            reported.put(v.path("variant").asText(), List.of(v.path("texted").asLong(), v.path("delivered").asLong(),
                    v.path("replied").asLong(), v.path("converted").asLong()));
        }
        Map<String, List<Long>> recomputed = raw.variants(id, from, to);
        if (!reported.equals(recomputed)) {
            differences.add(id + " " + range + " variants: service " + reported + ", raw events " + recomputed);
        }
        JsonNode steps = JSON.readTree(Http.get(metrics + "/api/businesses/" + id + "/steps?" + range).body());
        Map<Integer, List<Long>> stepRows = new TreeMap<>();
        for (JsonNode st : steps.path("steps")) {
            if (st.path("sent").asLong() > 0) {
                stepRows.put(st.path("step").asInt(), List.of(st.path("sent").asLong(), st.path("replied").asLong(),
                        st.path("converted").asLong()));
            }
        }
        Map<Integer, List<Long>> expectedSteps = ExpectedRoi.steps(truth, from, to);
        if (!stepRows.equals(expectedSteps)) {
            differences.add(id + " " + range + " steps: service " + stepRows + ", truth " + expectedSteps);
        }
    }

    private static void compare(String what, Map<String, Object> expected, JsonNode actual, List<String> differences) {
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
                Map<String, Long> n2 = new TreeMap<>();
                if (have instanceof Map<?, ?> h) {
                    h.forEach((k, v) -> n2.put((String) k, ((Number) v).longValue()));
                }
                have = n2; // an absent map and an empty one say the same: nothing suppressed
            }
            if (want instanceof BigDecimal w && have instanceof BigDecimal h ? w.compareTo(h) != 0
                    : !java.util.Objects.equals(want, have)) {
                differences.add(what + " " + e.getKey() + ": service " + have + ", expected " + want);
            }
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
