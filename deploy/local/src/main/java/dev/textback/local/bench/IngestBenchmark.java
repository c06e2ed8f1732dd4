package dev.textback.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;


import dev.textback.infra.FreePorts;
import dev.textback.infra.KafkaBroker;
import dev.textback.infra.TextbackTopics;
import dev.textback.infra.TopicWriter;

/**
 * The call-ingest throughput benchmark (docs/benchmarks.md): a KRaft broker, the packaged call-ingest
 * and a constant-rate generator of Vonage event webhooks on this one machine, plus the raw producer
 * rate of the same broker for comparison. Every webhook is a final "unanswered" event for a routed
 * number, so each one is parsed, normalized, routed and written with acks=all before its 200.
 *
 * <pre>deploy/local/bench-call-ingest [--rate 10000] [--seconds 30] [--warmup 90] [--warmup-rate 2500] [--settle 10] [--runs 3] [--connections 64] [--broker-dir DIR]</pre>
 */
public final class IngestBenchmark {
    private static final String NUMBER = "+12125550142";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate", 10_000);
        int seconds = intArg(args, "--seconds", 30);
        // The service's JIT keeps compiling for about a minute of sustained load on two cores (C2
        // took a third of its CPU 30-50 s in, profiled), so the warm-up is long and at a rate the
        // machine sustains; otherwise the measured runs would time the compiler.
        int warmup = intArg(args, "--warmup", 90);
        int warmupRate = intArg(args, "--warmup-rate", Math.min(rate, 2_500));
        // Then a short, unmeasured stretch at the measured rate: it opens the generator's connections and
        // lets the compiler see that rate's profile (without it the first run started with a ~1 s stall
        // at 10,000/s while later runs did not).
        int settle = intArg(args, "--settle", 10);
        int runs = intArg(args, "--runs", 3);
        int connections = intArg(args, "--connections", 64);
        Path home = Path.of(System.getProperty("textback.home", ".")).toAbsolutePath();
        Path dir = home.resolve(".textback/bench-call-ingest");
        deleteTree(dir);
        Files.createDirectories(dir);

        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        // --broker-dir: where the broker keeps its log. On this VM the kernel writes dirty pages back in
        // 150 MB bursts every 30 s, and the broker's appends wait behind them; a tmpfs directory
        // (/dev/shm) takes the disk out to see what call-ingest itself sustains. The log goes into a
        // subdirectory of its own, the only thing deleted there.
        String brokerParent = stringArg(args, "--broker-dir", null);
        Path brokerDir = brokerParent == null ? dir.resolve("kafka")
                : Path.of(brokerParent).toAbsolutePath().resolve("textback-bench-kafka");
        deleteTree(brokerDir);
        System.out.printf("broker log: %s%n", brokerDir);
        KafkaBroker broker = KafkaBroker.start(brokerDir, 0, System.getProperty("java.class.path"), 512);
        Process ingest = null;
        try {
            String bootstrap = broker.bootstrapServers();
            TextbackTopics.ensure(bootstrap);
            publishBusiness(bootstrap);

            int port = FreePorts.next();
            ingest = startIngest(home, dir, bootstrap, port);
            awaitReady(port);

            ConstantRateLoad load = new ConstantRateLoad(port, connections);
            try {
                System.out.printf("warm-up: %d webhooks/s for %d s%n", warmupRate, warmup);
                load.run("/webhooks/vonage/voice/event", warmupRate, warmup, IngestBenchmark::webhook);
                if (settle > 0) {
                    System.out.printf("settle: %d webhooks/s for %d s (not measured)%n", rate, settle);
                    load.run("/webhooks/vonage/voice/event", rate, settle, IngestBenchmark::webhook);
                }
                Thread.sleep(3_000);
                List<ConstantRateLoad.Result> results = new ArrayList<>();
                ProcessHandle service = ingest.toHandle();
                ProcessHandle kafka = ProcessHandle.of(broker.pid()).orElseThrow();
                ProcessHandle generator = ProcessHandle.current();
                for (int run = 1; run <= runs; run++) {
                    long[] before = {cpuMicros(service), cpuMicros(kafka), cpuMicros(generator)};
                    ConstantRateLoad.Result r = load.run("/webhooks/vonage/voice/event", rate, seconds,
                            IngestBenchmark::webhook);
                    long[] after = {cpuMicros(service), cpuMicros(kafka), cpuMicros(generator)};
                    results.add(r);
                    double n = Math.max(1, r.ok());
                    System.out.printf(Locale.ROOT,
                            "run %d: offered %.0f/s, achieved %.0f/s, ok %d, errors %d, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms;"
                                    + " CPU per acknowledged webhook: call-ingest %.0f us, broker %.0f us, generator %.0f us%n",
                            run, r.offeredRate(), r.achievedRate(), r.ok(), r.errors(), r.p50(), r.p99(), r.p999(), r.max(),
                            (after[0] - before[0]) / n, (after[1] - before[1]) / n, (after[2] - before[2]) / n);
                }
                ConstantRateLoad.Result median = results.stream()
                        .sorted(Comparator.comparingDouble(ConstantRateLoad.Result::p99)).toList().get(results.size() / 2);
                System.out.printf(Locale.ROOT,
                        "median run (by p99): offered %.0f/s, achieved %.0f/s, errors %d, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                        median.offeredRate(), median.achievedRate(), median.errors(), median.p50(), median.p99(), median.max());
            } finally {
                load.close();
            }
            ingest.destroy();
            ingest.waitFor(20, TimeUnit.SECONDS);
            ingest = null;

            List<Double> raw = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                raw.add(rawProducerRate(bootstrap, 500_000, "5", 65_536));
            }
            List<Double> tuned = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                tuned.add(rawProducerRate(bootstrap, 1_000_000, "20", 131_072));
            }
            System.out.printf(Locale.ROOT, "raw producer, same settings as call-ingest (acks=all, idempotent, linger 5 ms, batch 64 KiB): %s -> median %.0f records/s%n",
                    fmt(raw), median(raw));
            System.out.printf(Locale.ROOT, "raw producer, large batches (linger 20 ms, batch 128 KiB): %s -> median %.0f records/s%n",
                    fmt(tuned), median(tuned));
        } finally {
            if (ingest != null) {
                ingest.destroyForcibly();
            }
            broker.close();
        }
    }

    /** A Vonage event as the provider sends it, one new call per request. */
    private static String webhook(long i) {
        String caller = "1415" + (5_550_000 + (i % 1_000_000));
        return "{\"headers\":{},\"from\":\"" + caller + "\",\"to\":\"" + NUMBER.substring(1) + "\",\"uuid\":\""
                + UUID.randomUUID() + "\",\"conversation_uuid\":\"CON-bench\",\"status\":\"unanswered\","
                + "\"direction\":\"inbound\",\"timestamp\":\"2026-11-20T15:04:05.000Z\",\"start_time\":null,"
                + "\"end_time\":\"2026-11-20T15:04:05.000Z\",\"duration\":\"0\",\"rate\":\"0.01\",\"price\":\"0\"}";
    }

    /**
     * The business whose number the webhooks call, as crm-sync would publish it (written out here:
     * the launcher does not depend on the contract modules at run time).
     */
    private static void publishBusiness(String bootstrap) {
        String profile = "{\"businessId\":\"bench-business\",\"name\":\"Bench Plumbing\",\"country\":\"US\","
                + "\"timeZone\":\"America/New_York\",\"numbers\":[\"" + NUMBER + "\"],\"forwardTo\":null,"
                + "\"enabled\":true,\"templates\":[{\"variant\":\"A\",\"body\":\"Sorry we missed you at {business}!\","
                + "\"weight\":1}],\"dedupeWindowHours\":24,\"averageClientValue\":250,\"monthlyCost\":99,"
                + "\"currency\":\"USD\",\"attributionWindowDays\":30,\"revision\":1,\"updatedAt\":\""
                + Instant.now() + "\"}";
        TopicWriter.send(bootstrap, "textback.businesses.v1", "bench-business", UUID.randomUUID().toString(),
                "textback.business.profile.v1", "/textback/crm-sync", profile);
    }

    /** The packaged service with the JIT it runs with in production (not the tests' C1-only setting). */
    private static Process startIngest(Path home, Path dir, String bootstrap, int port) throws IOException {
        Path jar = home.resolve("call-ingest/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -DskipTests install)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseParallelGC"));
        String jfr = System.getenv("TEXTBACK_BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            // a flight recording of the service under load, for finding where its CPU goes
            cmd.add("-XX:StartFlightRecording=delay=20s,duration=20s,settings=profile,filename=" + jfr);
        }
        String extra = System.getenv("TEXTBACK_BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            // e.g. a profiler agent, or other GC or JIT flags to compare
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder b = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(dir.resolve("call-ingest.log").toFile());
        b.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        b.environment().put("PORT", String.valueOf(port));
        b.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        return b.start();
    }

    /** Ready means the routing table caught up with the businesses topic, so the number routes. */
    private static void awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("call-ingest did not become ready in 90 s");
    }

    /** Records/s of a plain producer (acks=all, idempotent) writing CallEnded-sized records. */
    private static double rawProducerRate(String bootstrap, int records, String lingerMs, int batchSize)
            throws Exception {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(batchSize));
        String value = "{\"callId\":\"63f61863-4a51-4f6b-86e1-46edebcf9356\",\"provider\":\"vonage\",\"businessId\":"
                + "\"bench-business\",\"caller\":\"+14155550100\",\"callerReachable\":true,\"called\":\"+12125550142\","
                + "\"outcome\":\"MISSED\",\"reason\":\"unanswered\",\"startedAt\":null,\"endedAt\":"
                + "\"2026-11-20T15:04:05Z\",\"durationSeconds\":0}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("textback.bench.raw", "bench-business:+1415555" + (i % 10_000), value));
            }
            producer.flush();
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** CPU time (user + system) a process has used so far, in microseconds. */
    private static long cpuMicros(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1000).orElse(0L);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String fmt(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
