package dev.textback.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.http.NameValuePair;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.support.VonageStub;

/**
 * The floor under sms-dispatch's texts per second (issue 4, docs/benchmarks.md): SMS API submissions
 * through {@link VonageSmsGateway} (the Vonage SDK, as the sender sends) to a stub of the SMS API in
 * the same JVM, with nothing else: no database, no broker, no receipts. Each round counts the
 * submissions answered by the sender's number of workers in a fixed time and the process's CPU time,
 * so it reports submissions per second and the CPU one submission costs (SDK, HTTP client and stub).
 * For comparison, the same form posted with Apache HttpClient (the client the SDK uses) and the answer
 * read with one shared Jackson mapper: the difference is what the SDK adds per text.
 * <p>
 * Opt-in, alone on the machine: {@code ./mvnw -B -o test -pl sms-dispatch -Dtest=SubmissionFloorBenchmark
 * -Dtextback.benchmark=true}; {@code -Dtextback.benchmark.threads} (default 8, the sender's
 * concurrency) and {@code -Dtextback.benchmark.seconds} (default 10 per round) change the load. The
 * test JVM runs on C1 (the parent pom's {@code test.jvm.args}), as the one-machine stack runs the services.
 */
@EnabledIfSystemProperty(named = "textback.benchmark", matches = "true")
class SubmissionFloorBenchmark {
    private static final int THREADS = Integer.getInteger("textback.benchmark.threads", 8);
    private static final int SECONDS = Integer.getInteger("textback.benchmark.seconds", 10);
    private static final int WARM_UP_ROUNDS = 2;
    private static final int ROUNDS = 3;

    private static VonageStub stub;

    @BeforeAll
    static void start() {
        // As FakeVonage does: without it every answer waits for the client's delayed ACK (docs/benchmarks.md).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        stub = VonageStub.start(false);
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @Test
    void submissionsPerSecondThroughTheSdk() throws Exception {
        VonageSmsGateway gateway = new VonageSmsGateway();
        gateway.baseUrl = stub.baseUrl();
        gateway.apiKeyValue = Optional.of("bench-key");
        gateway.apiSecretValue = Optional.of("bench-secret");
        gateway.timeoutMillis = 5000;
        try {
            double median = measure("sdk", i -> gateway.send(request(i)) instanceof SendResult.Answered a
                    && "0".equals(a.parts().get(0).status()));
            assertTrue(median > 0, "no submission was answered");
        } finally {
            gateway.close();
        }
    }

    @Test
    void submissionsPerSecondWithoutTheSdk() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (CloseableHttpClient http = HttpClients.custom().setMaxConnTotal(20).setMaxConnPerRoute(20).build()) {
            double median = measure("plain", i -> {
                SmsRequest r = request(i);
                HttpPost post = new HttpPost(stub.baseUrl() + "/sms/json");
                List<NameValuePair> form = List.of(new BasicNameValuePair("api_key", "bench-key"),
                        new BasicNameValuePair("api_secret", "bench-secret"),
                        new BasicNameValuePair("from", r.from().substring(1)),
                        new BasicNameValuePair("to", r.to().substring(1)), new BasicNameValuePair("text", r.text()),
                        new BasicNameValuePair("client-ref", r.clientRef()), new BasicNameValuePair("type", "text"));
                post.setEntity(new UrlEncodedFormEntity(form, java.nio.charset.StandardCharsets.UTF_8));
                try (CloseableHttpResponse response = http.execute(post)) {
                    JsonNode answer = mapper.readTree(EntityUtils.toString(response.getEntity()));
                    return "0".equals(answer.path("messages").path(0).path("status").asText());
                }
            });
            assertTrue(median > 0, "no submission was answered");
        }
    }

    private static SmsRequest request(int i) {
        // padded by arithmetic: this runs inside the timed loop, and String.format would add its own cost
        String seven = String.valueOf(10_000_000 + i % 10_000_000).substring(1);
        return new SmsRequest("bench-" + i, "+15550100000", "+1555" + seven,
                "Sorry we missed your call. How can we help? Book: https://example.test/b Reply STOP to opt out",
                false);
    }

    /** Warm-up rounds, then measured ones; prints each and returns the median submissions per second. */
    private static double measure(String name, Submit submit) throws Exception {
        double[] rates = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long answered = runFor(submit);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (processCpuNanos() - cpu0) / 1e6;
            String label = round < 0 ? "warm-up" : "round " + (round + 1);
            System.out.printf("[benchmark] %s %s: %d submissions in %.1f s = %.0f/s, CPU %.3f ms per submission "
                    + "(%.0f %% of %d cores)%n", name, label, answered, seconds, answered / seconds,
                    cpuMs / Math.max(1, answered), 100 * cpuMs / 1e3 / seconds / cores(), cores());
            if (round >= 0) {
                rates[round] = answered / seconds;
                cpu[round] = cpuMs / Math.max(1, answered);
            }
        }
        Arrays.sort(rates);
        Arrays.sort(cpu);
        System.out.printf("[benchmark] %s median of %d rounds, %d threads: %.0f submissions/s, CPU %.3f ms per "
                + "submission%n", name, ROUNDS, THREADS, rates[ROUNDS / 2], cpu[ROUNDS / 2]);
        return rates[ROUNDS / 2];
    }

    /** THREADS workers submit as fast as answers come for SECONDS; the number answered with status 0. */
    private static long runFor(Submit submit) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> workers = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                int offset = w * 1_000_000;
                workers.add(pool.submit(() -> {
                    long ok = 0;
                    for (int i = offset; !stop.get(); i++) {
                        if (submit.test(i)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            Thread.sleep(SECONDS * 1000L);
            stop.set(true);
            long answered = 0;
            for (Future<Long> f : workers) {
                answered += f.get();
            }
            return answered;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One submission; true when the stub accepted it. */
    private interface Submit {
        boolean test(int i) throws Exception;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
