package dev.textback.infra;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes CloudEvents in Kafka binary mode, the way the services do, for tests that play a producer. */
public final class TopicWriter {
    private TopicWriter() {
    }

    public static void send(String bootstrap, String topic, String key, String id, String type, String source,
            String json) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            record.headers().add("ce_specversion", bytes("1.0"));
            record.headers().add("ce_id", bytes(id));
            record.headers().add("ce_type", bytes(type));
            record.headers().add("ce_source", bytes(source));
            record.headers().add("ce_time", bytes(Instant.now().toString()));
            record.headers().add("content-type", bytes("application/json"));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
