package dev.textback.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way every test finds Kafka and PostgreSQL, decided once per test JVM:
 * <ol>
 * <li>environment variables when set ({@code KAFKA_BOOTSTRAP_SERVERS}; {@code TEXTBACK_DB_URL},
 * {@code TEXTBACK_DB_USER}, {@code TEXTBACK_DB_PASSWORD});</li>
 * <li>else Quarkus Dev Services (Testcontainers) when a Docker engine answers: nothing is set;</li>
 * <li>else a real KRaft broker in a child process and an embedded PostgreSQL.</li>
 * </ol>
 * The result is written as system properties before Quarkus builds the application, which is what
 * turns Dev Services off when something else provides the infrastructure. The same goes for the
 * key pair that signs test bearer tokens ({@link TestKeys}, {@link TestTokens}).
 */
public final class TestInfrastructure {
    private static final String STARTED = "textback.test-infrastructure.started";
    private static boolean started;
    private static KafkaBroker broker;
    private static PostgresServer postgres;

    private TestInfrastructure() {
    }

    public static synchronized void ensureStarted() {
        // Quarkus loads test classes in its own class loader, so this class can exist twice in one
        // JVM; a system property, not a static field, says the infrastructure is already up.
        if (started || System.getProperty(STARTED) != null) {
            return;
        }
        started = true;
        System.setProperty(STARTED, "true");
        // The JWT key pair first: it is cheap, and Quarkus must see its public key when it starts.
        TestKeys.ensure();
        boolean docker = DockerEngine.available();
        String kafka = env("KAFKA_BOOTSTRAP_SERVERS");
        if (kafka != null) {
            System.setProperty("kafka.bootstrap.servers", kafka);
            TextbackTopics.ensure(kafka);
        } else if (!docker) {
            broker = KafkaBroker.start(tempDir("kafka"), 0, System.getProperty("java.class.path"), 384);
            System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
            TextbackTopics.ensure(broker.bootstrapServers());
        }
        String dbUrl = env("TEXTBACK_DB_URL");
        if (dbUrl != null) {
            setDatasource(dbUrl, envOr("TEXTBACK_DB_USER", "postgres"), envOr("TEXTBACK_DB_PASSWORD", ""));
        } else if (!docker) {
            postgres = PostgresServer.start(tempDir("postgres"), 0);
            setDatasource(postgres.jdbcUrl(), postgres.user(), postgres.password());
        }
    }

    /** Bootstrap servers for test clients, whichever way they were found. */
    public static String kafkaBootstrapServers() {
        ensureStarted();
        String servers = System.getProperty("kafka.bootstrap.servers");
        if (servers == null) {
            throw new IllegalStateException("Kafka comes from Dev Services here; inject kafka.bootstrap.servers instead");
        }
        return servers;
    }

    public static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void setDatasource(String url, String user, String password) {
        System.setProperty("quarkus.datasource.jdbc.url", url);
        System.setProperty("quarkus.datasource.username", user);
        System.setProperty("quarkus.datasource.password", password);
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("textback-test-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value == null ? fallback : value;
    }
}
