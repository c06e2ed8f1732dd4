package dev.textback.local.stack;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.textback.access.KeyPairs;
import dev.textback.access.TokenClaims;
import dev.textback.access.TokenIssuer;
import dev.textback.infra.FreePorts;
import dev.textback.infra.KafkaBroker;
import dev.textback.infra.PostgresServer;
import dev.textback.infra.TextbackTopics;
import dev.textback.local.report.RoiReport;
import dev.textback.local.simulator.BusinessTruth;
import dev.textback.local.simulator.FakeVonage;
import dev.textback.local.simulator.Http;
import dev.textback.local.simulator.SimBusiness;
import dev.textback.local.simulator.Simulation;

/**
 * The whole system on one machine: Kafka, PostgreSQL, the four services and the simulator; plays a
 * burst of traffic, prints each business's ROI summary next to the ground truth, then keeps running
 * until Ctrl-C (or stops at once with {@code --exit}). Everything it started, it stops.
 */
public final class LocalStack implements AutoCloseable {
    private static final String[] SERVICES = {"crm-sync", "call-ingest", "sms-dispatch", "metrics-service"};
    private static final int[] DEFAULT_PORTS = {8083, 8081, 8082, 8084};

    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private KafkaBroker broker;
    private String kafka;
    private FakeVonage vonage;
    private Simulation simulation;
    private List<RoiReport.Row> rows = List.of();

    public LocalStack(StackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        boolean ok;
        try {
            ok = stack.run();
        } catch (RuntimeException e) {
            System.err.println("local stack failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.exitAfterReport()) {
            System.exit(ok ? 0 : 1);
        }
        stack.printUrls();
        System.out.println("\nRunning. Press Ctrl-C to stop everything.");
        stopped.await();
    }

    /** Starts everything, plays the traffic and prints the report; true when every figure matched. */
    public boolean run() throws IOException {
        long t0 = System.nanoTime();
        Path state = options.home().resolve(".textback");
        Path logs = state.resolve("logs");
        Files.createDirectories(logs);
        step(t0, "state and logs under " + state);

        kafka = firstNonBlank(System.getProperty("kafka.bootstrap.servers"), System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        if (kafka == null) {
            int port = FreePorts.isOpen(9092) ? 0 : 9092;
            // each run starts from an empty broker, as PostgreSQL starts from an empty data directory
            deleteRecursively(state.resolve("kafka"));
            broker = KafkaBroker.start(state.resolve("kafka"), port, System.getProperty("java.class.path"), 512);
            started.add(broker);
            kafka = broker.bootstrapServers();
            step(t0, "Kafka (KRaft, pid " + broker.pid() + ") on " + kafka);
        } else {
            step(t0, "Kafka given: " + kafka);
        }
        TextbackTopics.ensure(kafka);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        // A fresh key pair each run (never committed; .textback/ is ignored by git): the services verify
        // with the public half, the simulator and the report call /api with an admin token.
        Path jwt = state.resolve("jwt");
        KeyPairs.writeNew(jwt);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.resolve(KeyPairs.PUBLIC_FILE).toString());
        Http.useApiToken(new TokenIssuer(KeyPairs.readPrivate(jwt.resolve(KeyPairs.PRIVATE_FILE)), TokenClaims.issuer())
                .admin("local-stack", Duration.ofDays(1)));
        step(t0, "JWT key pair for /api in " + jwt);
        String dbUrl = firstNonBlank(System.getProperty("quarkus.datasource.jdbc.url"), System.getenv("TEXTBACK_DB_URL"));
        if (dbUrl == null) {
            PostgresServer postgres = PostgresServer.start(state.resolve("postgres"), 0);
            started.add(postgres);
            env.put("TEXTBACK_DB_URL", postgres.jdbcUrl());
            env.put("TEXTBACK_DB_USER", postgres.user());
            env.put("TEXTBACK_DB_PASSWORD", postgres.password());
            step(t0, "PostgreSQL (embedded) on port " + postgres.port());
        } else {
            env.put("TEXTBACK_DB_URL", dbUrl);
            env.put("TEXTBACK_DB_USER", firstNonBlank(System.getProperty("quarkus.datasource.username"),
                    System.getenv("TEXTBACK_DB_USER"), "postgres"));
            env.put("TEXTBACK_DB_PASSWORD", firstNonBlank(System.getProperty("quarkus.datasource.password"),
                    System.getenv("TEXTBACK_DB_PASSWORD"), ""));
            step(t0, "PostgreSQL given: " + dbUrl);
        }

        // The simulator answers on a port chosen now, because the services are told it at start.
        int vonagePort = FreePorts.next();
        env.put("VONAGE_BASE_URL", "http://127.0.0.1:" + vonagePort);
        env.put("VONAGE_REPORTS_URL", "http://127.0.0.1:" + vonagePort);
        env.put("VONAGE_API_KEY", "local-key");
        env.put("VONAGE_API_SECRET", "local-secret-not-real");
        // A real-time burst runs at any hour: quiet hours would defer its texts to the morning and the
        // run would never finish. Simulated weeks keep them on, as production does: their sessions fall
        // at every hour of the day and sms-dispatch's clock follows them.
        env.put("TEXTBACK_QUIET_HOURS", options.weeks() > 0 ? "true" : "false");
        // simulated weeks move sms-dispatch's clock; a burst leaves it on real time
        env.put("TEXTBACK_CLOCK_SETTABLE", "true");

        for (int i = 0; i < SERVICES.length; i++) {
            int port = FreePorts.isOpen(DEFAULT_PORTS[i]) ? FreePorts.next() : DEFAULT_PORTS[i];
            ServiceProcess service = ServiceProcess.start(options.home(), SERVICES[i], port, env, logs, 192);
            services.put(SERVICES[i], service);
            started.add(service);
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
            step(t0, service.name() + " ready on " + service.url() + " (pid " + service.pid() + ")");
        }

        Simulation.Endpoints endpoints = new Simulation.Endpoints(services.get("call-ingest").url(),
                services.get("sms-dispatch").url(), services.get("crm-sync").url(),
                services.get("metrics-service").url());
        List<SimBusiness> businesses = businesses(options.seed());
        simulation = new Simulation(endpoints, new Simulation.Plan(options.seed(), options.callsPerBusiness(), options.weeks()),
                businesses);
        started.add(simulation);
        vonage = new FakeVonage(vonagePort, simulation);
        started.add(vonage);
        step(t0, "provider simulator (fake Vonage SMS API) on " + vonage.baseUrl());

        simulation.createBusinesses(Duration.ofSeconds(60));
        step(t0, businesses.size() + " businesses created and seen by every service");
        boolean quiet;
        if (options.weeks() > 0) {
            quiet = simulation.playWeeks(Duration.ofSeconds(60));
            step(t0, "played " + options.weeks() + " simulated weeks, "
                    + simulation.truths().stream().mapToLong(BusinessTruth::inboundCalls).sum() + " calls; "
                    + simulation.truths().stream().mapToLong(BusinessTruth::deferredFirstTexts).sum()
                    + " first texts waited for the recipient's legal hours, "
                    + simulation.textsOutsideLegalHours() + " texts went out outside them");
        } else {
            simulation.playCalls();
            step(t0, "played " + options.callsPerBusiness() * businesses.size() + " calls");
            quiet = simulation.awaitQuiet(Duration.ofSeconds(120));
        }
        step(t0, quiet ? "every text, receipt, reply and booking played" : "timed out waiting for texts");
        rows = RoiReport.fetchUntilMatching(services.get("metrics-service").url(), simulation.truths(), 60_000);
        step(t0, "report ready");
        RoiReport.print(rows, System.out);
        printTokenHelp(jwt, businesses);
        printMemory();
        if (simulation.failures() > 0) {
            System.out.println(simulation.failures() + " simulated actions were refused; see above.");
        }
        return quiet && simulation.failures() == 0 && rows.stream().allMatch(RoiReport.Row::matches);
    }

    /** The simulator that played the traffic (null before {@link #run()}). */
    public Simulation simulation() {
        return simulation;
    }

    public List<RoiReport.Row> rows() {
        return rows;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** How to call the services' /api by hand: every call needs a bearer token signed with this run's key. */
    private void printTokenHelp(Path jwt, List<SimBusiness> businesses) {
        Path key = options.home().relativize(jwt.resolve(KeyPairs.PRIVATE_FILE));
        System.out.println("Tokens for /api (docs/security.md), from the repository root:");
        System.out.println("  TOKEN=$(deploy/local/token issue --key " + key + " --role admin --ttl 1h)");
        System.out.println("  TOKEN=$(deploy/local/token issue --key " + key + " --role business --business "
                + businesses.get(0).id() + ")");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + services.get("metrics-service").url()
                + "/api/businesses");
    }

    /** Resident memory of every process the stack started, measured right after the traffic. */
    private void printMemory() {
        StringBuilder line = new StringBuilder("Resident memory (MiB):");
        services.values().forEach(s -> line.append(' ').append(s.name()).append('=')
                .append(ProcessMemory.rssMiB(s.pid()).orElse(-1)));
        if (broker != null) {
            line.append(" kafka=").append(ProcessMemory.rssMiB(broker.pid()).orElse(-1));
        }
        line.append(" launcher+simulator=").append(ProcessMemory.rssMiB(ProcessHandle.current().pid()).orElse(-1));
        System.out.println(line);
    }

    private void printUrls() {
        System.out.println("\nServices:");
        services.values().forEach(s -> System.out.printf("  %-16s %s   (OpenAPI %s/q/swagger-ui, logs %s)%n", s.name(),
                s.url(), s.url(), s.log()));
        System.out.println("  kafka            " + kafka);
        if (!rows.isEmpty()) {
            String metrics = services.get("metrics-service").url();
            rows.forEach(r -> System.out.printf("  ROI of %-20s %s/api/businesses/%s/roi%n", r.truth().business().name(),
                    metrics, r.truth().business().id()));
        }
    }

    /** Three businesses with different time zones, prices and client values. */
    static List<SimBusiness> businesses(long seed) {
        String suffix = Long.toString(Math.abs(seed) % 1000);
        return List.of(
                new SimBusiness("bright-smile-dental-" + suffix, "Bright Smile Dental", "America/New_York",
                        "+12125550" + pad(seed, 0), new BigDecimal("180.00"), new BigDecimal("99.00"),
                        "Hi, this is {business}. Sorry we missed your call! Reply here to book a visit."),
                new SimBusiness("rapid-rooter-plumbing-" + suffix, "Rapid Rooter Plumbing", "America/Chicago",
                        "+13125550" + pad(seed, 1), new BigDecimal("350.00"), new BigDecimal("149.00"),
                        "{business} here - we missed your call. What can we fix for you today?"),
                new SimBusiness("glow-hair-studio-" + suffix, "Glow Hair Studio", "America/Los_Angeles",
                        "+14155550" + pad(seed, 2), new BigDecimal("95.00"), new BigDecimal("79.00"),
                        "Thanks for calling {business}! Sorry we missed you. Want us to hold a spot for you?"));
    }

    /** 555-01xx numbers are reserved for fiction, so they never reach a real person. */
    private static String pad(long seed, int index) {
        return String.format("1%02d", (Math.abs(seed) * 3 + index) % 100);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void step(long t0, String what) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Stops services first (they drain their consumers), then the simulator, broker and database. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        started.clear();
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }
}
