package dev.textback.ingest.publish;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.calls.events.CallTopic;
import io.quarkus.runtime.StartupEvent;

/**
 * The Kafka producer of the calls topic, used straight from the webhook's event loop.
 *
 * <p>Why not a Reactive Messaging emitter: on the hot path of every webhook the emitter's buffer,
 * its worker-thread hop and the CloudEvent metadata building cost more CPU than the write itself
 * (measured in docs/benchmarks.md). {@code KafkaProducer.send} would block while the topic's
 * metadata is unknown (at start-up, or after the client re-bootstraps during a broker outage) or
 * its buffer ({@code buffer.memory}) is full; with {@code max.block.ms=0} it fails at once instead,
 * and the webhook gets 503. The metadata is fetched at start-up.
 *
 * <p>Client settings come from {@code textback.calls.producer.*} (plain Kafka names), the broker
 * from {@code kafka.bootstrap.servers} unless {@code textback.calls.producer.bootstrap.servers} names
 * another; {@code acks=all} and idempotence are set there explicitly.
 */
@ApplicationScoped
public class CallsProducer {
    private static final Logger LOG = Logger.getLogger(CallsProducer.class);
    static final String PREFIX = "textback.calls.producer.";

    private final Map<String, Object> configuration;
    private final KafkaProducer<String, byte[]> producer;

    CallsProducer(Config config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(v -> settings.put(name.substring(PREFIX.length()), v));
            }
        }
        // the service's broker, unless this producer is given its own (a test's separate broker)
        settings.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "call-ingest-calls");
        this.configuration = Collections.unmodifiableMap(settings);
        this.producer = new KafkaProducer<>(new HashMap<>(settings));
    }

    /** The settings the client was built with (checked by a test: acks=all, idempotence on). */
    public Map<String, Object> configuration() {
        return configuration;
    }

    /**
     * Knowing the topic's partitions before the first webhook lets {@code send} append at once.
     * With {@code max.block.ms=0} each lookup only asks the client to fetch the metadata, so it is
     * repeated for a few seconds; a broker that is still down then is not fatal: webhooks get 503
     * until it is back, and their sends ask for the metadata again.
     */
    void warmUp(@Observes StartupEvent start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                LOG.infof("%s has %d partitions", CallTopic.NAME, producer.partitionsFor(CallTopic.NAME).size());
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("metadata of %s not available at start-up: %s", CallTopic.NAME, e.toString());
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Hands the record to the client; {@code done} runs on the client's network thread once the
     * broker acknowledged it or the client gave up, and also at once when the client refuses it
     * (buffer full, metadata unknown: {@code max.block.ms=0}). Throws only for what the client
     * itself throws (closed producer, serialization).
     */
    void send(ProducerRecord<String, byte[]> record, Callback done) {
        producer.send(record, done);
    }

    @PreDestroy
    void close() {
        // graceful shutdown: what was handed over still gets its chance to be acknowledged
        producer.close(Duration.ofSeconds(5));
    }
}
