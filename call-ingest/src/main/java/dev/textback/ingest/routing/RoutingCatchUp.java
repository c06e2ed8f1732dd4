package dev.textback.ingest.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.textback.crm.events.BusinessTopic;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Whether the routing table has read the businesses topic up to where it ended when this instance
 * started. Until then a call to a business number could be answered "not routed" and lost, so the
 * instance must not receive traffic (readiness DOWN).
 *
 * <p>The targets are the end offsets seen at the first check; a partition counts as caught up when
 * the record just before its target was applied, or when the consumer's position has passed the
 * target (compaction may have removed that record).
 */
@ApplicationScoped
public class RoutingCatchUp {
    private static final Logger LOG = Logger.getLogger(RoutingCatchUp.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private final KafkaClientService clients;
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> targets;
    private volatile boolean caughtUp;

    RoutingCatchUp(KafkaClientService clients) {
        this.clients = clients;
    }

    /** Called after a record of the businesses topic was applied to the table. */
    public void applied(int partition, long offset) {
        applied.merge(partition, offset, Math::max);
    }

    public boolean isCaughtUp() {
        if (caughtUp) {
            return true;
        }
        KafkaConsumer<Object, Object> consumer = clients.getConsumer("businesses");
        if (consumer == null) {
            return false;
        }
        try {
            if (targets == null) {
                targets = consumer.runOnPollingThread(RoutingCatchUp::endOffsets).await().atMost(ASK_TIMEOUT);
                LOG.infof("routing must catch up with %s: end offsets %s", BusinessTopic.NAME, targets);
            }
            Map<Integer, Long> positions = consumer.runOnPollingThread(RoutingCatchUp::positions)
                    .await().atMost(ASK_TIMEOUT);
            boolean all = caughtUp(targets, applied, positions);
            if (all) {
                caughtUp = true;
                LOG.info("routing table caught up with the businesses topic");
            }
            return all;
        } catch (RuntimeException e) {
            LOG.debugf("routing catch-up not known yet: %s", e.getMessage());
            return false;
        }
    }

    /**
     * Every partition is empty, or its record before the target was applied, or the consumer has
     * read past the target.
     */
    static boolean caughtUp(Map<Integer, Long> targets, Map<Integer, Long> applied, Map<Integer, Long> positions) {
        return targets.entrySet().stream().allMatch(t -> t.getValue() == 0
                || applied.getOrDefault(t.getKey(), -1L) >= t.getValue() - 1
                || positions.getOrDefault(t.getKey(), -1L) >= t.getValue());
    }

    /** What the readiness check shows: partition -> [applied offset, target]. */
    public Map<String, Object> progress() {
        Map<String, Object> out = new HashMap<>();
        Map<Integer, Long> t = targets;
        if (t != null) {
            t.forEach((p, end) -> out.put("partition-" + p, applied.getOrDefault(p, -1L) + 1 + "/" + end));
        }
        return out;
    }

    private static Map<Integer, Long> endOffsets(Consumer<Object, Object> c) {
        List<PartitionInfo> partitions = c.partitionsFor(BusinessTopic.NAME, ASK_TIMEOUT);
        List<TopicPartition> tps = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<Integer, Long> out = new HashMap<>();
        c.endOffsets(tps, ASK_TIMEOUT).forEach((tp, end) -> out.put(tp.partition(), end));
        return out;
    }

    private static Map<Integer, Long> positions(Consumer<Object, Object> c) {
        Map<Integer, Long> out = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            out.put(tp.partition(), c.position(tp, ASK_TIMEOUT));
        }
        return out;
    }
}
