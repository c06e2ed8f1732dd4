package dev.textback.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning without a consumer group, so tests see everything that
 * was written and never disturb the services' own offsets.
 */
public final class TopicReader {
    private TopicReader() {
    }

    /** Every record on the topic that matches, waiting up to {@code timeout} for at least {@code min} of them. */
    public static List<CloudEventRecord> await(String bootstrap, String topic, Predicate<CloudEventRecord> match,
            int min, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CloudEventRecord> found = readAll(bootstrap, topic, match);
        while (found.size() < min && System.nanoTime() < deadline) {
            sleep(200);
            found = readAll(bootstrap, topic, match);
        }
        return found;
    }

    public static List<CloudEventRecord> readAll(String bootstrap, String topic, Predicate<CloudEventRecord> match) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<CloudEventRecord> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return out;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    CloudEventRecord event = CloudEventRecord.of(r);
                    if (match.test(event)) {
                        out.add(event);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException topicNotThereYet) {
            return out;
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
