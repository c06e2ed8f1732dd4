package dev.textback.metrics.rebuild;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.metrics.fold.BatchFold;
import dev.textback.texts.events.TextTopic;

/**
 * Replays every topic from the beginning into a fresh read model, then switches to it:
 * <ol>
 * <li>copy the live schema's table definitions into {@link RebuildStore#SCHEMA}, without its secondary
 * indexes;</li>
 * <li>read all partitions from offset 0 up to the end offsets seen at the start (a plain consumer that
 * assigns partitions and commits nothing: the live consumer group is untouched), folding batches
 * set-based (BatchFold: thousands of events per statement, the live fold's merges);</li>
 * <li>build the secondary indexes, mark everything for the refresher, and compute all rollups of the new
 * schema (in the refresher's chunks) while the live service keeps answering;</li>
 * <li>take the switch lock (live folding pauses), fold what arrived meanwhile, refresh, rename the
 * schemas, release. Live consumers then continue into the new schema; events the rebuild already
 * folded are duplicates there and change nothing.</li>
 * </ol>
 */
@ApplicationScoped
public class Rebuild {
    private static final Logger LOG = Logger.getLogger(Rebuild.class);
    /** Every topic the read model is folded from. */
    public static final List<String> TOPICS = List.of(BusinessTopic.NAME, CallTopic.NAME, TextTopic.NAME, CrmTopic.NAME);

    @Inject
    RebuildStore store;
    @Inject
    DataSource dataSource;
    @Inject
    BatchFold batchFold;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "metrics.rebuild.batch", defaultValue = "5000")
    int batchSize;

    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile String state = "IDLE";
    private volatile long total;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile long foldNanos;
    private Thread worker;

    public synchronized RebuildStatus start() {
        if (worker != null && worker.isAlive()) {
            return status();
        }
        replayed.set(0);
        skipped.set(0);
        foldNanos = 0;
        batchFold.timings(); // resets them
        total = 0;
        error = null;
        finishedAt = null;
        startedAt = Instant.now();
        state = "COPYING_SCHEMA";
        worker = new Thread(this::run, "metrics-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status();
    }

    public RebuildStatus status() {
        long done = replayed.get();
        Long rate = foldNanos > 0 ? Math.round(done / (foldNanos / 1e9)) : null;
        return new RebuildStatus(state, startedAt, finishedAt, total, done, skipped.get(),
                total == 0 ? (state.equals("DONE") ? 1.0 : 0.0) : Math.min(1.0, (double) done / total), rate, error);
    }

    private void run() {
        try {
            store.prepare();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(TOPICS.get(0)) == null ? List.of()
                        : TOPICS.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
                state = "FOLDING";
                replayUntil(consumer, end, false);
                state = "INDEXING";
                store.finishBulkLoad();
                state = "ROLLING_UP";
                store.rollUp();
                state = "CATCHING_UP";
                try (Connection lock = dataSource.getConnection()) {
                    exclusive(lock, true);
                    try {
                        Map<TopicPartition, Long> last = consumer.endOffsets(partitions);
                        total += last.entrySet().stream().mapToLong(e -> e.getValue() - end.get(e.getKey())).sum();
                        replayUntil(consumer, last, true);
                        store.rollUp();
                        state = "SWITCHING";
                        store.switchOver();
                    } finally {
                        exclusive(lock, false);
                    }
                }
            }
            state = "DONE";
            LOG.infof("rebuild done: %d records replayed, %d skipped, %s events/s (%s), in %d s", replayed.get(),
                    skipped.get(), status().eventsPerSecond(), batchFold.timings(),
                    Duration.between(startedAt, Instant.now()).toSeconds());
        } catch (Exception e) {
            LOG.error("rebuild failed; the live read model is unchanged", e);
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            state = "FAILED";
            try {
                store.abandon();
            } catch (RuntimeException again) {
                LOG.warn("could not drop the half-built schema", again);
            }
        } finally {
            finishedAt = Instant.now();
        }
    }

    /**
     * Replays up to {@code end}, pipelined: while a batch is written to the database, the next one is
     * polled and parsed on the parse thread. {@code mark}: whether the folded batches mark what they
     * touched for the refresher (not in the bulk replay). The time spent here, polls included, is what
     * {@code eventsPerSecond} divides by.
     */
    private void replayUntil(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, boolean mark)
            throws InterruptedException {
        long t0 = System.nanoTime();
        ExecutorService parser = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-rebuild-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<RebuildStore.Rec> batch = new ArrayList<>(batchSize);
            Pending pending = null;
            while (!reached(consumer, end)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    if (r.offset() >= end.getOrDefault(new TopicPartition(r.topic(), r.partition()), Long.MAX_VALUE)) {
                        continue; // past this phase's end: read again in the next phase
                    }
                    batch.add(new RebuildStore.Rec(header(r, "ce_id"), header(r, "ce_type"), r.key(), r.value(),
                            r.value() == null && BusinessTopic.NAME.equals(r.topic())));
                    if (batch.size() >= batchSize) {
                        pending = handOver(parser, pending, batch, mark);
                        batch = new ArrayList<>(batchSize);
                    }
                }
                if (!batch.isEmpty()) {
                    pending = handOver(parser, pending, batch, mark);
                    batch = new ArrayList<>(batchSize);
                }
            }
            write(pending, mark);
        } finally {
            parser.shutdownNow();
            foldNanos += System.nanoTime() - t0;
        }
        // Records after `end` that this poll returned were skipped above: rewind so the next phase reads them.
        for (TopicPartition p : consumer.assignment()) {
            if (consumer.position(p) > end.get(p)) {
                consumer.seek(p, end.get(p));
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** A batch whose parsing was started on the parse thread. */
    private record Pending(List<RebuildStore.Rec> batch, Future<BatchFold.Prepared> prepared) {
    }

    /** Starts parsing {@code batch}, then writes the batch before it meanwhile; returns the new pending one. */
    private Pending handOver(ExecutorService parser, Pending previous, List<RebuildStore.Rec> batch, boolean mark)
            throws InterruptedException {
        Pending next = new Pending(batch, parser.submit(() -> store.parse(batch)));
        write(previous, mark);
        return next;
    }

    private void write(Pending pending, boolean mark) throws InterruptedException {
        if (pending == null) {
            return;
        }
        try {
            store.write(pending.prepared().get(), mark);
        } catch (ExecutionException | RuntimeException e) {
            // One bad record spoils its batch: fold them one by one, skipping what the live path dead-letters.
            LOG.debugf(e, "rebuild folds a batch of %d records one by one", pending.batch().size());
            for (RebuildStore.Rec r : pending.batch()) {
                try {
                    store.foldOne(r);
                } catch (RuntimeException bad) {
                    skipped.incrementAndGet();
                    LOG.debugf(bad, "rebuild skips record %s", r.id());
                }
            }
        }
        replayed.addAndGet(pending.batch().size());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void exclusive(Connection c, boolean take) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute((take ? "select pg_advisory_lock(" : "select pg_advisory_unlock(") + SwitchLock.KEY + ")");
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(500, batchSize)));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "metrics-service-rebuild");
        return new KafkaConsumer<>(p);
    }

}
