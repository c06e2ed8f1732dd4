package dev.textback.metrics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TestTokens;
import dev.textback.metrics.rebuild.Rebuild;
import dev.textback.metrics.rollup.Rollups;
import dev.textback.texts.events.TextTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The benchmark of docs/benchmarks.md (metrics section), not a test: it runs only with
 * {@code -Dtextback.benchmark=true}. It seeds one business with 1,000,000 leads over 24 months straight
 * into the facts with SQL (generate_series), computes the rollups with the service's own refresher,
 * then times the ROI summary of a month and the 12-month table over HTTP (p50 / p95 of 300 requests,
 * three runs), and finally times three rebuilds that replay events written to Kafka.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelBenchmark {
    static final String BUSINESS = "bench-1m";
    static final int LEADS = Integer.getInteger("textback.benchmark.leads", 1_000_000);
    static final int REBUILD_LEADS = Integer.getInteger("textback.benchmark.rebuild-leads", 50_000);

    @Inject
    EntityManager em;
    @Inject
    Rollups rollups;
    @Inject
    javax.sql.DataSource dataSource;
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void onlyWhenAsked() {
        Assumptions.assumeTrue(Boolean.getBoolean("textback.benchmark"), "benchmark: run with -Dtextback.benchmark=true");
    }

    @Test
    @Order(1)
    void readModelOfOneMillionLeads() throws Exception {
        long t0 = System.nanoTime();
        seed();
        long seeded = System.nanoTime();
        int days = rollups.refresh();
        long rolled = System.nanoTime();
        report("seed %,d leads (SQL generate_series, derived lead columns included): %.1f s", LEADS, (seeded - t0) / 1e9);
        report("rollups of %,d local days from the facts (the service's refresher, in chunks): %.1f s", days,
                (rolled - seeded) / 1e9);
        long a0 = System.nanoTime();
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("analyze"); // autovacuum has not seen the seed yet: without statistics, see the check below
        }
        report("analyze after the seed: %.1f s", (System.nanoTime() - a0) / 1e9);
        long c0 = System.nanoTime();
        checkSeededDerivedColumns();
        report("seeded derived columns equal the refresher's on 3,600 leads (%.1f s)", (System.nanoTime() - c0) / 1e9);
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("vacuum analyze"); // what autovacuum does after a bulk load: statistics and visibility map
        }

        String roi = "api/businesses/" + BUSINESS + "/roi?from=2026-09-01&to=2026-09-30";
        String months = "api/businesses/" + BUSINESS + "/months?to=2026-10";
        assertEquals(200, get(roi).statusCode(), get(roi).body());
        report("ROI September 2026: %s", get(roi).body());
        for (int run = 1; run <= 3; run++) {
            report("run %d: ROI summary of a month  %s", run, latency(roi));
            report("run %d: 12-month table          %s", run, latency(months));
        }
    }

    @Test
    @Order(2) // last: the rebuild replaces the seeded read model with what the topics hold
    void rebuildFoldRate() throws Exception {
        int events = produce(REBUILD_LEADS);
        // A rebuild is started on a service whose live fold is caught up; timed while the live consumers
        // still fold the same records event by event (and the refresher works off their marks), it shares
        // the two cores with them (the figures before 2026-11-27 17:00 in docs/benchmarks.md were taken
        // like that).
        long c0 = System.nanoTime();
        awaitLiveFoldCaughtUp();
        report("live fold of %,d events caught up in %.1f s", events, (System.nanoTime() - c0) / 1e9);
        long r0 = System.nanoTime();
        while (rollups.pending()) { // and its refresher worked off what the fold marked
            assertTrue(System.nanoTime() - r0 < Duration.ofMinutes(20).toNanos(), "the live refresher never caught up");
            Thread.sleep(1_000);
        }
        report("live refresher caught up %.1f s later", (System.nanoTime() - r0) / 1e9);
        for (int run = 1; run <= 3; run++) { // the same records each time, into a fresh schema each time
            HttpResponse<String> started = http.send(request("api/admin/rebuild")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started.body());
            String status;
            do {
                Thread.sleep(1_000);
                status = get("api/admin/rebuild").body();
            } while (!status.contains("\"state\":\"DONE\"") && !status.contains("\"state\":\"FAILED\""));
            report("run %d: rebuild of %,d events written for %,d leads: %s", run, events, REBUILD_LEADS, status);
            assertTrue(status.contains("\"state\":\"DONE\""), status);
        }
    }

    private String latency(String path) throws Exception {
        for (int i = 0; i < 50; i++) {
            get(path);
        }
        long[] ms = new long[300];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = get(path);
            ms[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.body());
            }
        }
        Arrays.sort(ms);
        return String.format("p50 %.2f ms, p95 %.2f ms, max %.2f ms", ms[149] / 1e6, ms[284] / 1e6,
                ms[ms.length - 1] / 1e6);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) throws Exception {
        return HttpRequest.newBuilder(new URL(base, path).toURI()).header("Authorization", "Bearer " + TestTokens.admin())
                .timeout(Duration.ofMinutes(2));
    }

    /** One business, LEADS missed calls over the 24 months to October 2026, 40% more answered calls. */
    private void seed() {
        List<String> statements = List.of(
                "delete from business where id = '" + BUSINESS + "'",
                "insert into business values ('" + BUSINESS + "', 'Benchmark', 'America/New_York', 300.00, 120.00, 'USD', 1, now())",
                // a lead every (24 months / LEADS) seconds; s = seconds from the start
                "create temp table seed as select i, timestamptz '2024-11-01 04:00:00Z' + make_interval(secs => i * (63158400.0 / "
                        + LEADS + ")) as at from generate_series(1, " + LEADS + ") i",
                "insert into call_fact (call_id, business_id, caller, outcome, reachable, ended_at, lead_id) "
                        + "select 'bc' || i, '" + BUSINESS + "', '+1555' || lpad(i::text, 7, '0'), "
                        + "case when i % 3 = 0 then 'VOICEMAIL' else 'MISSED' end, true, at, 'bl' || i from seed",
                "insert into call_fact (call_id, business_id, caller, outcome, reachable, ended_at) "
                        + "select 'ba' || i, '" + BUSINESS + "', '+1666' || lpad(i::text, 7, '0'), 'ANSWERED', true, "
                        + "at + interval '20 seconds' from seed where i % 5 < 2",
                // 5% of leads were not texted (opted out before); every 9th text failed; a quarter replied.
                // The derived columns are seeded with the facts, exactly as the refresher derives them
                // (checked below on a sample), so only the days need the refresher: conversions exist
                // for i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 and i % 3 <> 2, one text for i % 20 <> 0, a
                // follow-up for the delivered ones that did not reply.
                "insert into lead_fact (lead_id, business_id, opening_call_id, opening_confirmed, caller, missed_at, "
                        + "first_text_id, texted_at, variant, first_text_status, first_text_status_at, delivered_at, "
                        + "first_reply_at, reply_after_step, replies, opted_out_at, reachable, suppressed_reason, "
                        + "conversions, converted_at, revenue, estimated_revenue, estimated, text_cost, texts, "
                        + "speed_seconds, rollup_day) "
                        + "select 'bl' || i, '" + BUSINESS + "', 'bc' || i, true, '+1555' || lpad(i::text, 7, '0'), at, "
                        + "case when i % 20 <> 0 then 'bt' || i end, "
                        + "case when i % 20 <> 0 then at + make_interval(secs => 5 + i % 120) end, "
                        + "case when i % 20 <> 0 then case when i % 2 = 0 then 'A' else 'B' end end, "
                        + "case when i % 20 <> 0 then case when i % 9 = 0 then 'FAILED' else 'DELIVERED' end end, "
                        + "case when i % 20 <> 0 then at + interval '2 minutes' end, "
                        + "case when i % 20 <> 0 and i % 9 <> 0 then at + interval '2 minutes' end, "
                        + "case when i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 then at + interval '30 minutes' end, "
                        + "case when i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 then i % 2 end, "
                        + "case when i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 then 1 else 0 end, "
                        + "case when i % 50 = 7 then at + interval '1 hour' end, "
                        + "true, case when i % 20 = 0 then 'OPTED_OUT' end, "
                        + "case when conv then 1 else 0 end, case when conv then at + interval '3 days' end, "
                        + "case when conv then 60 + i % 400 end, case when conv and i % 5 = 0 then 60 + i % 400 end, "
                        + "case when conv then i % 5 = 0 end, "
                        + "case when i % 20 = 0 then null when i % 9 <> 0 and i % 4 <> 1 then 0.015800 else 0.007900 end, "
                        + "case when i % 20 = 0 then 0 when i % 9 <> 0 and i % 4 <> 1 then 2 else 1 end, "
                        + "case when i % 20 <> 0 then 5 + i % 120 end, (at at time zone 'America/New_York')::date "
                        + "from (select i, at, i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 and i % 3 <> 2 as conv from seed) s",
                "insert into text_fact (text_id, lead_id, business_id, step, accepted_at, sent_price, currency, status, status_at) "
                        + "select 'bt' || i, 'bl' || i, '" + BUSINESS + "', 0, at + make_interval(secs => 5 + i % 120), "
                        + "0.0079, 'USD', case when i % 9 = 0 then 'FAILED' else 'DELIVERED' end, at + interval '2 minutes' "
                        + "from seed where i % 20 <> 0",
                "insert into text_fact (text_id, lead_id, business_id, step, accepted_at, sent_price, currency, status, status_at) "
                        + "select 'bf' || i, 'bl' || i, '" + BUSINESS + "', 1, at + interval '1 day', 0.0079, 'USD', 'DELIVERED', "
                        + "at + interval '1 day 1 minute' from seed where i % 20 <> 0 and i % 9 <> 0 and i % 4 <> 1",
                "insert into suppression_fact (call_id, business_id, lead_id, reason, missed_at) "
                        + "select 'bc' || i, '" + BUSINESS + "', 'bl' || i, 'OPTED_OUT', at from seed where i % 20 = 0",
                "insert into suppression_fact (call_id, business_id, lead_id, reason, missed_at) "
                        + "select 'bw' || i, '" + BUSINESS + "', null, 'CALLER_WITHHELD', at + interval '5 seconds' "
                        + "from seed where i % 16 = 0",
                "insert into conversion_fact (conversion_id, business_id, lead_call_id, value, currency, estimated, recovered, occurred_at, revision) "
                        + "select 'bv' || i, '" + BUSINESS + "', 'bc' || i, 60 + i % 400, 'USD', i % 5 = 0, true, "
                        + "at + interval '3 days', 1 from seed where i % 20 <> 0 and i % 9 <> 0 and i % 4 = 1 and i % 3 <> 2",
                // Only the days are marked: a day is recomputed set-based from the facts.
                "insert into dirty_day (business_id, day) select distinct '" + BUSINESS
                        + "', (at at time zone 'America/New_York')::date from (select ended_at as at from call_fact "
                        + "where business_id = '" + BUSINESS + "' union all select missed_at from suppression_fact "
                        + "where business_id = '" + BUSINESS + "') x on conflict do nothing",
                "drop table seed");
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            em.createNativeQuery("set local maintenance_work_mem = '256MB'").executeUpdate();
            em.createNativeQuery("set local work_mem = '64MB'").executeUpdate();
            for (String sql : statements) {
                long t = System.nanoTime();
                em.createNativeQuery(sql).executeUpdate();
                report("  seed statement %.1f s: %s", (System.nanoTime() - t) / 1e9,
                        sql.length() > 60 ? sql.substring(0, 60) : sql);
            }
        });
    }

    /**
     * The seeded derived columns must be what the refresher derives: a sample covering every pattern of
     * the seed (i = 1..3600 repeats every combination of the moduli) is snapshotted, marked dirty and
     * refreshed, and must come out unchanged.
     */
    private void checkSeededDerivedColumns() {
        String cols = "reachable, suppressed_reason, conversions, converted_at, revenue, estimated_revenue, estimated, "
                + "text_cost, texts, speed_seconds, rollup_day";
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("drop table if exists bench_check").executeUpdate();
            em.createNativeQuery("create table bench_check as select lead_id, " + cols + " from lead_fact "
                    + "where lead_id in (select 'bl' || i from generate_series(1, least(3600, " + LEADS + ")) i)")
                    .executeUpdate();
            em.createNativeQuery("insert into dirty_lead select lead_id from bench_check").executeUpdate();
        });
        rollups.refresh();
        Object differing = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from bench_check c join lead_fact l using (lead_id) where (" + cols.replaceAll("(\\w+)", "c.$1")
                        + ") is distinct from (" + cols.replaceAll("(\\w+)", "l.$1") + ")").getSingleResult());
        assertEquals(0L, ((Number) differing).longValue(), "seeded derived columns differ from the refresher's");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("drop table bench_check").executeUpdate());
    }

    /** Events for `leads` leads on the topics: call, text, receipt, and for a quarter a reply and a booking. */
    private int produce(int leads) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        int n = 0;
        String b = "bench-rebuild-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-01-05T15:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < leads; i++) {
                String caller = "+1777" + String.format("%07d", i);
                String key = b + ":" + caller;
                Instant at = t.plusSeconds(60L * i);
                send(producer, CallTopic.NAME, key, CallTopic.CALL_ENDED, """
                        {"callId":"c%d","provider":"vonage","businessId":"%s","caller":"%s","callerReachable":true,\
                        "called":"+15550000000","outcome":"MISSED","reason":"unanswered","endedAt":"%s"}""".formatted(i, b, caller, at));
                send(producer, TextTopic.NAME, key, TextTopic.TEXT_SENT, """
                        {"textId":"t%d","leadId":"l%d","businessId":"%s","callId":"c%d","recipient":"%s","sender":"+15550000000",\
                        "step":0,"variant":"%s","missedAt":"%s","acceptedAt":"%s","segments":1,"price":0.0079,"currency":"USD"}"""
                        .formatted(i, i, b, i, caller, i % 2 == 0 ? "A" : "B", at, at.plusSeconds(9)));
                send(producer, TextTopic.NAME, key, TextTopic.TEXT_STATUS_CHANGED, """
                        {"textId":"t%d","leadId":"l%d","businessId":"%s","recipient":"%s","step":0,"status":"DELIVERED",\
                        "statusAt":"%s"}""".formatted(i, i, b, caller, at.plusSeconds(30)));
                n += 3;
                if (i % 4 == 0) {
                    send(producer, TextTopic.NAME, key, TextTopic.REPLY_RECEIVED, """
                            {"replyId":"r%d","leadId":"l%d","businessId":"%s","sender":"%s","text":"yes","afterStep":0,\
                            "receivedAt":"%s"}""".formatted(i, i, b, caller, at.plusSeconds(600)));
                    send(producer, CrmTopic.NAME, key, CrmTopic.CONVERSION_RECORDED, """
                            {"conversionId":"v%d","businessId":"%s","type":"booking","value":150.00,"currency":"USD",\
                            "estimated":false,"occurredAt":"%s","leadCallId":"c%d","recovered":true,"revision":1,\
                            "recordedAt":"%s"}""".formatted(i, b, at.plusSeconds(86_400), i, at.plusSeconds(86_400)));
                    n += 2;
                }
            }
            producer.flush();
        }
        return n;
    }

    /** Waits until the live consumer group has committed the end offset of every partition the rebuild reads. */
    private static void awaitLiveFoldCaughtUp() throws Exception {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.calls.group.id", String.class);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        try (Admin admin = Admin.create(p)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (true) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(Rebuild.TOPICS).allTopicNames().get().values()) {
                    d.partitions().forEach(x -> latest.put(new TopicPartition(d.name(), x.partition()), OffsetSpec.latest()));
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                if (lag == 0) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "live fold still " + lag + " records behind");
                Thread.sleep(1_000);
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String type, String json) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_source", "/bench".getBytes(StandardCharsets.UTF_8));
        r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(r);
    }

    private static void report(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(format, args));
    }
}
