package dev.textback.local.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.textback.infra.FreePorts;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TextbackTopics;
import dev.textback.local.simulator.FakeVonage;
import dev.textback.local.simulator.Http;
import dev.textback.local.stack.ServiceProcess;

/**
 * sms-dispatch as a packaged process on the test infrastructure's broker and database, fed with
 * CallEnded events straight onto the calls topic, and the simulator's fake Vonage that records every
 * submission and sends delivery receipts back like Vonage does (retrying until acknowledged, also
 * while sms-dispatch is down). Callers in {@link #slowCallers} are accepted only after the client
 * gave up waiting: the provider timing out after accepting. The first request to a caller in
 * {@link #lostOnceCallers} never reaches the provider (as when the sender dies before it leaves).
 */
final class DispatchHarness implements AutoCloseable {
    /** One submission the fake provider accepted. */
    record Submission(String from, String to, String text, String clientRef, String messageId, long acceptedNanos) {
    }

    final String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    final Set<String> slowCallers = ConcurrentHashMap.newKeySet();
    /** The first request to these callers is lost on the way: never at the provider, never answered in time. */
    final Set<String> lostOnceCallers = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<Submission> submissions = new ConcurrentLinkedQueue<>();
    final AtomicInteger receiptsAcknowledged = new AtomicInteger();
    private final Path home = Path.of(System.getProperty("textback.home", "../..")).toAbsolutePath().normalize();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final int port = FreePorts.next();
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(4);
    private final KafkaProducer<String, String> producer;
    private final FakeVonage vonage;
    private final List<Long> killed = new ArrayList<>();
    /** C1 only, like the local stack; benchmarks clear it to run with C2 as a production JVM does. */
    private List<String> jitFlags = List.of("-XX:TieredStopAtLevel=1");
    private ServiceProcess dispatch;
    private ServiceProcess callIngest;
    private volatile boolean closing;

    DispatchHarness(Map<String, String> extraEnv) throws Exception {
        TextbackTopics.ensure(bootstrap);
        int vonagePort = FreePorts.next();
        vonage = new FakeVonage(vonagePort, this::accept);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("TEXTBACK_DB_URL", System.getProperty("quarkus.datasource.jdbc.url"));
        env.put("TEXTBACK_DB_USER", System.getProperty("quarkus.datasource.username", "postgres"));
        env.put("TEXTBACK_DB_PASSWORD", System.getProperty("quarkus.datasource.password", ""));
        env.put("VONAGE_BASE_URL", vonage.baseUrl());
        env.put("VONAGE_REPORTS_URL", vonage.baseUrl());
        env.put("VONAGE_API_KEY", "harness-key");
        env.put("VONAGE_API_SECRET", "harness-secret");
        env.put("VONAGE_TIMEOUT_MILLIS", "1000");
        env.put("TEXTBACK_QUIET_HOURS", "false"); // the run happens at any hour
        env.put("TEXTBACK_SENDING_LEASE", "5s");
        env.put("TEXTBACK_SENDING_LEASE_CHECK_INTERVAL", "1s");
        // receipts come 300 ms after acceptance here: a text still UNKNOWN 20 s on is asked about
        env.put("TEXTBACK_UNKNOWN_CHECK_AFTER", "20s");
        env.put("TEXTBACK_UNKNOWN_CHECK_INTERVAL", "2s");
        env.putAll(extraEnv);
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** JIT options of the service JVMs started from now on (empty: tiered C1 + C2, the JVM's default). */
    DispatchHarness jitFlags(List<String> flags) {
        jitFlags = List.copyOf(flags);
        return this;
    }

    /** The fake provider, whose Reports API sms-dispatch asks about texts it lost track of. */
    FakeVonage vonage() {
        return vonage;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts sms-dispatch (again, on the same port) and waits until it is ready. */
    void start() {
        dispatch = ServiceProcess.start(home, "sms-dispatch", port, env, home.resolve(".textback/logs"), 256,
                jitFlags);
        dispatch.awaitReady(Duration.ofSeconds(120));
    }

    /** Starts call-ingest too (for speed to text, measured from its webhook); returns its URL. */
    String startCallIngest() {
        callIngest = ServiceProcess.start(home, "call-ingest", FreePorts.next(), env, home.resolve(".textback/logs"),
                256, jitFlags);
        callIngest.awaitReady(Duration.ofSeconds(120));
        return callIngest.url();
    }

    /** SIGKILL, no shutdown hooks, no draining: what an OOM kill or a node failure does. */
    void kill() throws Exception {
        ProcessHandle p = ProcessHandle.of(dispatch.pid()).orElseThrow();
        killed.add(p.pid());
        p.destroyForcibly();
        p.onExit().get(10, TimeUnit.SECONDS);
    }

    int kills() {
        return killed.size();
    }

    void publishBusiness(String businessId, String name, String number) {
        publishBusiness(businessId, name, number, "America/New_York", null);
    }

    /** @param window the business's texting window, e.g. {@code {"start":"08:00","end":"24:00"}}, or null */
    void publishBusiness(String businessId, String name, String number, String timeZone, String window) {
        String json = """
                {"businessId":"%s","name":"%s","country":"US","timeZone":"%s","numbers":["%s"],"textingWindow":%s,
                 "forwardTo":null,"enabled":true,"templates":[{"variant":"A","body":"Sorry we missed your call at {business}!","weight":1}],
                 "dedupeWindowHours":24,"averageClientValue":250.00,"monthlyCost":99.00,"currency":"USD",
                 "attributionWindowDays":30,"revision":1,"updatedAt":"%s"}
                """.formatted(businessId, name, timeZone, number, window, Instant.now());
        producer.send(cloudEvent("textback.businesses.v1", businessId, UUID.randomUUID().toString(),
                "textback.business.profile.v1", "/textback/crm-sync", json));
        producer.flush();
    }

    /** Publishes a missed call (caller null = withheld); returns its callId. */
    String publishMissedCall(String businessId, String number, String caller, Instant endedAt) {
        String callId = "call-" + UUID.randomUUID();
        String json = """
                {"callId":"%s","provider":"vonage","businessId":"%s","caller":%s,"callerReachable":%s,"called":"%s",
                 "outcome":"MISSED","reason":"timeout","startedAt":"%s","endedAt":"%s","durationSeconds":0}
                """.formatted(callId, businessId, caller == null ? "null" : "\"" + caller + "\"", caller != null,
                number, endedAt.minusSeconds(25), endedAt);
        producer.send(cloudEvent("textback.calls.v1", businessId + ":" + (caller == null ? "withheld" : caller),
                UUID.randomUUID().toString(), "textback.call.ended.v1", "/textback/call-ingest", json));
        return callId;
    }

    void flush() {
        producer.flush();
    }

    private static ProducerRecord<String, String> cloudEvent(String topic, String key, String id, String type,
            String source, String json) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        r.headers().add("ce_specversion", "1.0".getBytes());
        r.headers().add("ce_id", id.getBytes());
        r.headers().add("ce_type", type.getBytes());
        r.headers().add("ce_source", source.getBytes());
        r.headers().add("ce_time", Instant.now().toString().getBytes());
        r.headers().add("content-type", "application/json".getBytes());
        return r;
    }

    private FakeVonage.Accepted accept(String from, String to, String text, String clientRef) {
        String messageId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        if (lostOnceCallers.remove("+" + to)) {
            sleep(2500); // the client gives up after 1 s; the provider keeps no record of it
            return new FakeVonage.Accepted(null, null, "5", "lost on the way");
        }
        if (slowCallers.contains("+" + to)) {
            sleep(2500); // accepted, but the answer comes after the client's 1 s timeout
        }
        submissions.add(new Submission(from, to, text, clientRef, messageId, System.nanoTime()));
        receipts.schedule(() -> deliver(from, to, clientRef, messageId, 0), 300, TimeUnit.MILLISECONDS);
        return new FakeVonage.Accepted(messageId, "0.00790000", "0", null);
    }

    /** Vonage retries a receipt until it is acknowledged with 2xx. */
    private void deliver(String from, String to, String clientRef, String messageId, int attempt) {
        if (closing || attempt > 200) {
            return;
        }
        Map<String, String> dlr = new LinkedHashMap<>();
        dlr.put("msisdn", to);
        dlr.put("to", from);
        dlr.put("network-code", "310004");
        dlr.put("messageId", messageId);
        dlr.put("price", "0.00790000");
        dlr.put("status", "delivered");
        dlr.put("scts", "2611271200");
        dlr.put("err-code", "0");
        dlr.put("client-ref", clientRef);
        dlr.put("message-timestamp", Instant.now().toString().replace('T', ' ').substring(0, 19));
        boolean ok;
        try {
            ok = Http.postForm(url() + "/webhooks/vonage/sms/receipt", dlr).status() / 100 == 2;
        } catch (RuntimeException down) {
            ok = false;
        }
        if (ok) {
            receiptsAcknowledged.incrementAndGet();
        } else {
            receipts.schedule(() -> deliver(from, to, clientRef, messageId, attempt + 1), 500, TimeUnit.MILLISECONDS);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        receipts.shutdownNow();
        if (dispatch != null) {
            dispatch.close();
        }
        if (callIngest != null) {
            callIngest.close();
        }
        producer.close();
        vonage.close();
    }
}
