package dev.textback.local.dispatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.textback.local.simulator.Http;

/**
 * Benchmarks of sms-dispatch (issue 4), written to docs/benchmarks.md by hand from what this prints:
 * speed to text (call-ingest's Vonage webhook answered -> the simulated provider accepted the text) at
 * 100 missed calls a second, and the highest sustained rate of texts the simulator accepts. Runs only
 * with {@code -Dtextback.benchmark=true}, under the Maven lock so nothing else competes for the cores.
 */
@EnabledIfSystemProperty(named = "textback.benchmark", matches = "true")
class SmsDispatchBenchmarkTest {
    private static final int RUNS = 3;
    /** Area codes of no state with a stricter texting window (docs/texting-hours.md). */
    private static final int[] AREAS = {212, 312, 415, 617, 303, 702};
    private static final int BUSINESSES = 20;
    private static final int CALLS_PER_RUN = Integer.getInteger("textback.benchmark.release", 3000);
    private static DispatchHarness harness;
    private static String callIngest;
    private static final List<String[]> businesses = new ArrayList<>();
    private static final java.util.Set<String> usedCallers = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        // quiet hours on, with an all-day legal window: only the business windows below defer texts. The
        // calls consumer's concurrency and the connection pool stay the service's own unless set here.
        Map<String, String> env = new HashMap<>(Map.of("TEXTBACK_RATE_PER_SENDER", "1000",
                "TEXTBACK_QUIET_HOURS", "true", "TEXTBACK_TEXTING_WINDOW", "00:00-24:00"));
        Optional.ofNullable(System.getProperty("textback.benchmark.call-concurrency"))
                .ifPresent(v -> env.put("TEXTBACK_CALL_CONCURRENCY", v));
        Optional.ofNullable(System.getProperty("textback.benchmark.dispatch-pool"))
                .ifPresent(v -> env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", v));
        harness = new DispatchHarness(env);
        // The services' JIT as the one-machine stack runs them: C1 only. With C2 as well, sms-dispatch was still
        // compiling (about a second of compile time per second) four minutes in, on this two-core box
        // shared by six JVMs; -Dtextback.benchmark.jit=tiered measures that (docs/benchmarks.md).
        harness.jitFlags("tiered".equals(System.getProperty("textback.benchmark.jit")) ? List.of()
                : List.of("-XX:TieredStopAtLevel=1"));
        harness.start();
        callIngest = harness.startCallIngest();
        Random random = new Random(11);
        for (int i = 0; i < BUSINESSES; i++) {
            String[] b = {"biz-bench-" + UUID.randomUUID(), "+1646" + (3_000_000 + random.nextInt(6_000_000))};
            harness.publishBusiness(b[0], "Bench " + i, b[1]);
            businesses.add(b);
        }
        Thread.sleep(3000); // both services read the businesses topic
        // warm-up, discarded: the JIT compiles the hot paths and the pools fill at a rate the cold JVMs keep up
        // with (a cold start at 100/s left a backlog that every later run inherited), then the
        // receipts and the outbox drain
        speedRun(25, 20);
        speedRun(50, 20);
        // then discarded runs at the measured rate (-Dtextback.benchmark.warmup-runs, default 2): the first
        // minute at 100/s still pays for compiling the hot paths
        for (int i = 0; i < Integer.getInteger("textback.benchmark.warmup-runs", 2); i++) {
            long[] p = speedRun(100, 20);
            System.out.printf("SPEED warm-up %d: p50=%d ms p95=%d ms%n", i + 1, p[2], p[3]);
        }
        Thread.sleep(10_000);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void speedToTextAt100MissedCallsASecond() throws Exception {
        List<long[]> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            long[] p = speedRun(100, 20);
            runs.add(p);
            System.out.printf("SPEED run %d: calls=%d texted=%d p50=%d ms p95=%d ms max=%d ms (webhook answered: p50=%d "
                    + "p95=%d ms; answer -> provider accepted: p50=%d p95=%d ms)%n", r + 1, p[0], p[1],
                    p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        }
        long p50 = median(runs, 2);
        long p95 = median(runs, 3);
        System.out.printf("SPEED median of %d runs: p50=%d ms p95=%d ms%n", RUNS, p50, p95);
        assertTrue(runs.stream().allMatch(p -> p[0] == p[1]), "every call was texted");
    }

    /**
     * sms-dispatch's share of speed to text without call-ingest: CallEnded events published straight onto
     * the calls topic at 100 a second; from the publish to the provider accepting the text.
     */
    @Test
    void speedFromTheCallsTopicAt100CallsASecond() throws Exception {
        List<long[]> runs = new ArrayList<>();
        Random random = new Random();
        for (int r = 0; r < RUNS; r++) {
            int total = 2000;
            int before = harness.submissions.size();
            Map<String, Long> publishedAt = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = start + i * 10_000_000L - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String[] b = businesses.get(i % businesses.size());
                String caller = freshCaller(random);
                publishedAt.put(caller, System.nanoTime());
                harness.publishMissedCall(b[0], b[1], "+" + caller, Instant.now());
                harness.flush();
            }
            List<Long> latencies = awaitLatencies(before, publishedAt, total);
            long[] p = {total, latencies.size(), pct(latencies, 50), pct(latencies, 95)};
            runs.add(p);
            System.out.printf("TOPIC-SPEED run %d: calls=%d texted=%d p50=%d ms p95=%d ms (published -> accepted)%n",
                    r + 1, p[0], p[1], p[2], p[3]);
        }
        System.out.printf("TOPIC-SPEED median of %d runs: p50=%d ms p95=%d ms%n", RUNS, median(runs, 2),
                median(runs, 3));
    }

    /**
     * The morning release: texts deferred by quiet hours all become due when the business's window
     * opens, so the sender (not the call consumer) sets the pace. Each run is a group of businesses
     * whose window opens at its own minute; {@code CALLS_PER_RUN} missed calls are decided (deferred)
     * before it opens. Also prints the rate of missed-call decisions.
     */
    @Test
    void maximumSustainedTextsPerSecond() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime firstOpening = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
        Random random = new Random(5);
        List<List<String[]>> groups = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            ZonedDateTime opens = firstOpening.plusMinutes(r);
            String window = "{\"start\":\"%02d:%02d\",\"end\":\"24:00\"}".formatted(opens.getHour(),
                    opens.getMinute());
            List<String[]> group = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String[] b = {"biz-release-" + UUID.randomUUID(), "+1646" + (3_000_000 + random.nextInt(6_000_000))};
                harness.publishBusiness(b[0], "Release " + r + "-" + i, b[1], "UTC", window);
                group.add(b);
            }
            groups.add(group);
        }
        Thread.sleep(2000);
        long t0 = System.nanoTime();
        int before = harness.submissions.size();
        for (List<String[]> group : groups) {
            for (int i = 0; i < CALLS_PER_RUN; i++) {
                String[] b = group.get(i % group.size());
                // +1 555 numbers have no known time zone: the business's (UTC) applies
                harness.publishMissedCall(b[0], b[1], "+1555" + String.format("%07d", random.nextInt(10_000_000)),
                        Instant.now());
            }
        }
        harness.flush();
        System.out.printf("RELEASE %d calls published for %d openings from %s%n", RUNS * CALLS_PER_RUN, RUNS,
                firstOpening);
        List<long[]> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            Instant opens = firstOpening.plusMinutes(r).toInstant();
            int from = harness.submissions.size();
            long deadline = System.nanoTime() + Duration.between(Instant.now(), opens).toNanos()
                    + TimeUnit.SECONDS.toNanos(55);
            while (harness.submissions.size() - from < CALLS_PER_RUN && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<Long> times = harness.submissions.stream().skip(from).limit(CALLS_PER_RUN)
                    .map(DispatchHarness.Submission::acceptedNanos).sorted().toList();
            int lo = times.size() / 10;
            int hi = times.size() * 9 / 10;
            long rate = Math.round((hi - lo) / ((times.get(hi) - times.get(lo)) / 1e9));
            runs.add(new long[] {times.size(), rate});
            System.out.printf("THROUGHPUT run %d: %d deferred texts released at %s, sustained %d texts/s "
                    + "(10%%-90%% of the release)%n", r + 1, times.size(), opens, rate);
        }
        System.out.printf("THROUGHPUT median of %d runs: %d texts/s; %d submissions in %.0f s overall%n", RUNS,
                median(runs, 1), harness.submissions.size() - before, (System.nanoTime() - t0) / 1e9);
    }

    /** How fast missed calls are decided (and texted at once) when they arrive faster than that. */
    @Test
    void missedCallDecisionsPerSecond() throws Exception {
        List<long[]> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            long[] p = throughputRun(2000);
            runs.add(p);
            System.out.printf("DECISIONS run %d: texts=%d sustained=%d texts/s (calls published at once)%n", r + 1,
                    p[0], p[1]);
        }
        System.out.printf("DECISIONS median of %d runs: %d texts/s%n", RUNS, median(runs, 1));
    }

    /** Calls through call-ingest's webhook at {@code rate}/s for {@code seconds}; {calls, texted, p50, p95, max} in ms. */
    private static long[] speedRun(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        int before = harness.submissions.size();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        ExecutorService posters = Executors.newFixedThreadPool(16);
        Random random = new Random();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String[] b = businesses.get(i % businesses.size());
            String to = freshCaller(random);
            posters.submit(() -> {
                Instant end = Instant.now();
                String json = """
                        {"headers":{},"from":"%s","to":"%s","uuid":"%s","conversation_uuid":"CON-%s","status":"timeout",
                         "direction":"inbound","timestamp":"%s","start_time":null,"end_time":"%s","duration":"0",
                         "rate":"0.00450000","price":"0.00000000","network":"310260"}
                        """.formatted(to, b[1].substring(1), UUID.randomUUID(), UUID.randomUUID(), end, end);
                long t0 = System.nanoTime();
                sentAt.put(to, t0);
                if (Http.postJson(callIngest + "/webhooks/vonage/voice/event", json).status() / 100 != 2) {
                    refused.incrementAndGet();
                }
                answeredAt.put(to, System.nanoTime());
            });
        }
        posters.shutdown();
        posters.awaitTermination(60, TimeUnit.SECONDS);
        List<Long> latencies = awaitLatencies(before, sentAt, total - refused.get());
        // where the time goes: call-ingest answering its webhook, and from that answer to the provider accepting
        List<Long> webhook = new ArrayList<>();
        List<Long> afterAnswer = new ArrayList<>();
        for (DispatchHarness.Submission s : (Iterable<DispatchHarness.Submission>) harness.submissions.stream()
                .skip(before)::iterator) {
            Long t0 = sentAt.get(s.to());
            Long t1 = answeredAt.get(s.to());
            if (t0 != null && t1 != null) {
                webhook.add((t1 - t0) / 1_000_000);
                afterAnswer.add((s.acceptedNanos() - t1) / 1_000_000);
            }
        }
        Collections.sort(webhook);
        Collections.sort(afterAnswer);
        return new long[] {total, latencies.size(), pct(latencies, 50), pct(latencies, 95),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), pct(webhook, 50), pct(webhook, 95),
                pct(afterAnswer, 50), pct(afterAnswer, 95)};
    }

    /** Publishes {@code calls} missed calls onto the calls topic at once; {texts, sustained texts/s}. */
    private static long[] throughputRun(int calls) throws Exception {
        int before = harness.submissions.size();
        Random random = new Random();
        for (int i = 0; i < calls; i++) {
            String[] b = businesses.get(i % businesses.size());
            harness.publishMissedCall(b[0], b[1], "+1" + AREAS[random.nextInt(AREAS.length)]
                    + (200 + random.nextInt(700)) + String.format("%04d", random.nextInt(10_000)), Instant.now());
        }
        harness.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (harness.submissions.size() - before < calls * 0.98 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(2000);
        List<Long> times = harness.submissions.stream().skip(before).map(DispatchHarness.Submission::acceptedNanos)
                .sorted().toList();
        int lo = times.size() / 10;
        int hi = times.size() * 9 / 10;
        double seconds = (times.get(hi) - times.get(lo)) / 1e9;
        return new long[] {times.size(), Math.round((hi - lo) / seconds)};
    }

    /** A caller never used before: one texted earlier would match that text (or be suppressed by the dedupe window). */
    private static String freshCaller(Random random) {
        String caller;
        do {
            caller = "1" + AREAS[random.nextInt(AREAS.length)] + (200 + random.nextInt(700))
                    + String.format("%04d", random.nextInt(10_000));
        } while (!usedCallers.add(caller));
        return caller;
    }

    /**
     * Milliseconds from each caller's start to the fake Vonage accepting its text, for the submissions
     * after the first {@code before}, sorted; waits up to 60 s for {@code expected} of them.
     */
    private static List<Long> awaitLatencies(int before, Map<String, Long> startedAt, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            latencies.clear();
            for (DispatchHarness.Submission s : (Iterable<DispatchHarness.Submission>) harness.submissions.stream()
                    .skip(before)::iterator) {
                Long t0 = startedAt.get(s.to());
                if (t0 != null) {
                    latencies.add((s.acceptedNanos() - t0) / 1_000_000);
                }
            }
            if (latencies.size() >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long median(List<long[]> runs, int index) {
        List<Long> v = runs.stream().map(r -> r[index]).sorted().toList();
        return v.get(v.size() / 2);
    }
}
