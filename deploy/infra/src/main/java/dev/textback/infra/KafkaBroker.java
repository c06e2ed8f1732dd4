package dev.textback.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (combined broker and controller) from the Apache Kafka jars,
 * run as a child process so it behaves, and can be killed, like the broker in production.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private KafkaBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Formats storage under {@code dir} and starts the broker on {@code port} (0 for any free one).
     *
     * @param classpath a classpath holding {@code kafka_2.13} and its dependencies
     */
    public static KafkaBroker start(Path dir, int port, String classpath, int heapMb) {
        int brokerPort = port > 0 ? port : FreePorts.next();
        int controllerPort = FreePorts.next();
        try {
            Files.createDirectories(dir);
            Path config = writeConfig(dir, brokerPort, controllerPort);
            String clusterId = Uuid.randomUuid().toString();
            run(javaCommand(classpath, 256, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    config.toString(), "--ignore-formatted"), dir.resolve("format.log"), Duration.ofSeconds(60));
            Process broker = new ProcessBuilder(javaCommand(classpath, heapMb, "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker.log").toFile())
                    .start();
            KafkaBroker started = new KafkaBroker(dir, brokerPort, broker);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-broker-stop"));
            started.awaitReady(Duration.ofSeconds(60));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka under " + dir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path directory() {
        return dir;
    }

    private static Path writeConfig(Path dir, int brokerPort, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "168");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "Textback local KRaft broker");
        }
        return file;
    }

    private static List<String> javaCommand(String classpath, int heapMb, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMb + "m");
        cmd.add("-Xms64m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void run(List<String> cmd, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed (" + p.exitValue() + "): " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited early; see " + dir.resolve("broker.log"));
            }
            if (FreePorts.isOpen(port)) {
                try (Admin admin = Admin.create(p)) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // the listener is up before the controller has elected itself; try again
                }
            }
            sleep(200);
        }
        close();
        throw new IOException("Kafka did not become ready in " + timeout + "; see " + dir.resolve("broker.log"));
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
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
