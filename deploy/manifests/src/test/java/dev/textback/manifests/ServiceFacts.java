package dev.textback.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service really reads, serves and consumes, taken from its application.properties and its
 * sources (not from the manifests, which are what is being checked).
 */
record ServiceFacts(String name, int port, Map<String, String> properties, Set<String> envReferences,
        Map<String, String> consumerGroups, Set<String> producedTopics, Set<String> deadLetterTopics,
        Set<String> httpPaths, Set<String> counters, Set<String> extensions, Set<String> databaseLivenessChecks,
        boolean callsOut) {

    /** An HTTP client in the sources: the service calls something outside the cluster (Vonage, a CRM). */
    private static final Pattern HTTP_CLIENT = Pattern.compile("java\\.net\\.http|org\\.apache\\.http|VonageClient|@RegisterRestClient");

    private static final Pattern EXTENSION = Pattern.compile("<artifactId>(quarkus-[a-z0-9-]+)</artifactId>");
    /** What a liveness check must not touch: a database outage would restart every pod at once. */
    private static final Pattern DATABASE_USE = Pattern.compile("DataSource|EntityManager|Panache|Repository|java\\.sql|jdbc",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");
    private static final Pattern PORT = Pattern.compile("\\$\\{PORT:(\\d+)}|^(\\d+)$");
    private static final Pattern CLASS_PATH = Pattern.compile("@Path\\(\"([^\"]+)\"\\)");
    private static final Pattern COUNTER = Pattern.compile("counter\\(\\s*\"([a-z0-9_.]+)\"");
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");
    /**
     * A path literal in a class that adds plain Vert.x routes ({@code @Observes Router}) rather than @Path;
     * wildcards ({@code /webhooks/*}: a filter in front of all webhooks) serve nothing themselves.
     */
    private static final Pattern ROUTE_PATH = Pattern.compile("\"(/(?:webhooks|api)/[^\"*]*)\"");
    /** A plain Kafka producer's record, naming its topic by a contract class's constant: {@code CallTopic.NAME}. */
    private static final Pattern PRODUCER_RECORD = Pattern.compile("new ProducerRecord<[^>]*>\\(\\s*(\\w+)\\.NAME\\b");
    private static final Pattern TOPIC_NAME = Pattern.compile("static final String NAME = \"([^\"]+)\"");

    static ServiceFacts read(Path root, String service) {
        Path dir = root.resolve(service);
        Map<String, String> props = properties(dir.resolve("src/main/resources/application.properties"));
        Set<String> env = new TreeSet<>();
        props.values().forEach(v -> {
            Matcher m = ENV_REF.matcher(v);
            while (m.find()) {
                env.add(m.group(1));
            }
        });
        Matcher pm = PORT.matcher(props.getOrDefault("quarkus.http.port", "8080"));
        int port = pm.find() ? Integer.parseInt(pm.group(1) != null ? pm.group(1) : pm.group(2)) : 8080;
        String appName = props.getOrDefault("quarkus.application.name", service);

        Map<String, String> groups = new LinkedHashMap<>(); // incoming topic -> group id
        Set<String> produced = new LinkedHashSet<>();
        Set<String> dlq = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            Matcher m = CHANNEL.matcher(stripProfile(e.getKey()));
            if (!m.matches()) {
                continue;
            }
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            if ("topic".equals(m.group(3))) {
                if ("incoming".equals(m.group(1))) {
                    groups.put(e.getValue(), lookup(props, prefix + "group.id", appName));
                } else {
                    produced.add(e.getValue());
                }
            } else if ("dead-letter-queue.topic".equals(m.group(3))) {
                dlq.add(e.getValue());
            }
        }
        Set<String> paths = new TreeSet<>();
        Set<String> counters = new TreeSet<>();
        Set<String> livenessOnDatabase = new TreeSet<>();
        Set<String> extensions = new TreeSet<>();
        boolean callsOut = false;
        try (Stream<Path> files = Files.walk(dir.resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher c = CLASS_PATH.matcher(src);
                if (c.find()) {
                    // the class-level path comes first; method-level paths (if any) extend it
                    String base = c.group(1);
                    boolean methods = false;
                    while (c.find()) {
                        methods = true;
                        String sub = c.group(1);
                        paths.add(base.replaceAll("/$", "") + (sub.startsWith("/") ? sub : "/" + sub));
                    }
                    if (!methods) {
                        paths.add(base);
                    }
                }
                if (src.contains("@Observes Router")) {
                    Matcher r = ROUTE_PATH.matcher(src);
                    while (r.find()) {
                        paths.add(r.group(1));
                    }
                }
                Matcher pr = PRODUCER_RECORD.matcher(src);
                while (pr.find()) {
                    produced.add(topicConstant(root, service, pr.group(1)));
                }
                Matcher k = COUNTER.matcher(src);
                while (k.find()) {
                    counters.add(k.group(1));
                }
                callsOut |= HTTP_CLIENT.matcher(src).find();
                if (src.contains("@Liveness") && DATABASE_USE.matcher(src).find()) {
                    livenessOnDatabase.add(f.getFileName().toString());
                }
            }
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                Matcher x = EXTENSION.matcher(Files.readString(pom));
                while (x.find()) {
                    extensions.add(x.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceFacts(service, port, props, env, groups, produced, dlq, paths, counters, extensions,
                livenessOnDatabase, callsOut);
    }

    /** The value of {@code <topicClass>.NAME} in the service's own event contracts ({@code <service>/events}). */
    private static String topicConstant(Path root, String service, String topicClass) {
        Path events = root.resolve(service).resolve("events/src/main/java");
        if (Files.isDirectory(events)) {
            try (Stream<Path> files = Files.walk(events)) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals(topicClass + ".java")).toList()) {
                    Matcher m = TOPIC_NAME.matcher(Files.readString(f));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(service + " produces to " + topicClass + ".NAME, which its events module does not define");
    }

    /**
     * The path Quarkus serves an endpoint on, from the same settings Quarkus resolves it with:
     * quarkus.http.root-path, quarkus.http.non-application-root-path (default "q") and, for health,
     * quarkus.smallrye-health.root-path (default "health") and the liveness/readiness/startup paths.
     * A relative path hangs under its parent; an absolute one stands alone.
     */
    String healthPath(String probe) {
        String key = switch (probe) {
            case "live" -> "liveness-path";
            case "ready" -> "readiness-path";
            case "started" -> "startup-path";
            default -> throw new IllegalArgumentException(probe);
        };
        String health = under(nonApplicationRoot(), setting("quarkus.smallrye-health.root-path", "health"));
        return under(health, setting("quarkus.smallrye-health." + key, probe));
    }

    String metricsPath() {
        return under(nonApplicationRoot(), setting("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    private String nonApplicationRoot() {
        return under(setting("quarkus.http.root-path", "/"), setting("quarkus.http.non-application-root-path", "q"));
    }

    private String setting(String key, String fallback) {
        String v = properties.getOrDefault("%prod." + key, properties.get(key));
        return v == null ? fallback : v;
    }

    private static String under(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + path;
    }

    /**
     * Whether the service reads this environment variable: it is referenced as {@code ${NAME...}} in
     * application.properties, or it is the MicroProfile Config environment form of a property key in
     * that file (upper case, every non-alphanumeric character an underscore; profile prefixes dropped,
     * since an unprofiled value applies to every profile).
     */
    boolean readsEnv(String env) {
        if (envReferences.contains(env)) {
            return true;
        }
        return properties.keySet().stream().map(k -> envForm(stripProfile(k))).anyMatch(env::equals);
    }

    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    Set<String> consumedTopics() {
        return consumerGroups.keySet();
    }

    Set<String> allTopics() {
        Set<String> all = new LinkedHashSet<>(consumerGroups.keySet());
        all.addAll(producedTopics);
        all.addAll(deadLetterTopics);
        return all;
    }

    boolean usesKafka() {
        return !allTopics().isEmpty();
    }

    boolean hasDatabase() {
        return properties.keySet().stream().anyMatch(k -> stripProfile(k).equals("quarkus.datasource.db-kind"));
    }

    int jdbcPoolSize() {
        return Integer.parseInt(properties.getOrDefault("quarkus.datasource.jdbc.max-size", "20"));
    }

    /** The default of quarkus.shutdown.timeout when no environment variable overrides it. */
    Duration shutdownTimeout(Map<String, String> env) {
        String raw = properties.get("quarkus.shutdown.timeout");
        if (raw == null) {
            return Duration.ZERO;
        }
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(raw);
        String value = m.matches() ? env.getOrDefault(m.group(1), m.group(2)) : raw;
        return duration(value);
    }

    /** Quarkus duration form: "20s", "1500ms", "2m", or an ISO-8601 "PT20S". */
    static Duration duration(String v) {
        v = v.trim();
        if (v.startsWith("PT") || v.startsWith("P")) {
            return Duration.parse(v);
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(Long.parseLong(v));
        };
    }

    /** Prometheus names of the Micrometer counters the service registers (dots to underscores, _total). */
    Set<String> prometheusCounters() {
        Set<String> out = new TreeSet<>();
        counters.forEach(c -> out.add(c.replace('.', '_') + "_total"));
        return out;
    }

    List<String> webhookPaths() {
        return httpPaths.stream().filter(p -> p.startsWith("/webhooks")).toList();
    }

    List<String> apiPaths() {
        return httpPaths.stream().filter(p -> p.startsWith("/api")).toList();
    }

    private static String lookup(Map<String, String> props, String key, String fallback) {
        String v = props.get(key);
        return v == null ? fallback : v;
    }

    static String stripProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static Map<String, String> properties(Path file) {
        Map<String, String> props = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq > 0) {
                    props.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
