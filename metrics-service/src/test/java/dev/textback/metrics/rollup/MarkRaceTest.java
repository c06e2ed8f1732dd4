package dev.textback.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.CrmTopic;
import dev.textback.metrics.fold.EventFold;
import dev.textback.texts.events.TextTopic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A fold that marks an already marked day or lead while a refresher claims that mark: the refresher
 * must not recompute without the fold's facts and leave no mark behind. Before marks locked their
 * row, the second call stayed out of call_day for good (inbound 1 instead of 2), and so did the
 * conversion from its lead's figures.
 */
@QuarkusTest
class MarkRaceTest {
    @Inject
    EventFold fold;
    @Inject
    Rollups rollups;
    @Inject
    DataSource dataSource;
    @Inject
    EntityManager em;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aCallFoldedWhileItsDayIsClaimedIsInTheRollup() throws Exception {
        String business = "race-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-03-10T15:00:00Z");
        raceWithRefresh(() -> fold.apply(id(), CallTopic.CALL_ENDED, call(business, "c1", at)),
                () -> fold.apply(id(), CallTopic.CALL_ENDED, call(business, "c2", at.plusSeconds(60))));
        assertEquals(2, intOf("select inbound from call_day where business_id = :k and day = date '2026-03-10'",
                business));
    }

    /** A conversion marks its lead without touching the lead's row: the other path into the same race. */
    @Test
    void aConversionFoldedWhileItsLeadIsClaimedIsInTheLeadsRevenue() throws Exception {
        String business = "race-" + UUID.randomUUID();
        String lead = business + "-lead";
        Instant at = Instant.parse("2026-03-10T15:00:00Z");
        raceWithRefresh(() -> fold.apply(id(), TextTopic.TEXT_SENT, """
                {"textId":"%1$s-t","leadId":"%1$s","businessId":"%2$s","callId":"%1$s-call","recipient":"+15550101010",
                 "step":0,"variant":"A","missedAt":"%3$s","acceptedAt":"%4$s","price":0.0079,"currency":"USD"}"""
                .formatted(lead, business, at, at.plusSeconds(9))),
                () -> fold.apply(id(), CrmTopic.CONVERSION_RECORDED, """
                        {"conversionId":"%1$s-v","businessId":"%2$s","type":"booking","value":150.00,"currency":"USD",
                         "estimated":false,"occurredAt":"%3$s","leadCallId":"%1$s-call","recovered":true,"revision":1}"""
                        .formatted(lead, business, at.plusSeconds(3_600))));
        assertEquals(1, intOf("select conversions from lead_fact where lead_id = :k", lead));
    }

    /**
     * Folds {@code committed} while the refreshers (the scheduled one too) are held off, so its mark stays;
     * then folds {@code heldOpen} in a transaction that stays open while a refresh runs, commits it, and
     * refreshes once more, as the next tick would with any mark left.
     */
    private void raceWithRefresh(Runnable committed, Runnable heldOpen) throws Exception {
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> open;
        try (Connection guard = dataSource.getConnection()) {
            guard.setAutoCommit(false);
            try (Statement st = guard.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + Rollups.LOCK + ")");
            }
            committed.run();
            open = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                heldOpen.run();
                marked.countDown();
                awaitQuietly(commit);
            }));
            assertTrue(marked.await(30, TimeUnit.SECONDS), "the second event was folded");
            guard.commit(); // releases the refreshers
        }
        Future<Integer> refresh = threads.submit(() -> rollups.refresh());
        // The open transaction commits once a refresh has claimed the mark without it (the bug) or is
        // waiting for it to claim the mark (the fix), whichever shows first.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!refresh.isDone() && !aRefreshWaitsForAMark() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        commit.countDown();
        open.get(30, TimeUnit.SECONDS);
        refresh.get(30, TimeUnit.SECONDS);
        rollups.refresh();
    }

    private boolean aRefreshWaitsForAMark() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("""
                        select count(*) from pg_stat_activity
                        where wait_event_type = 'Lock' and query like '%delete from dirty_%'
                        """)) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private int intOf(String sql, String key) {
        Object value = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                .setParameter("k", key).getSingleResult());
        return ((Number) value).intValue();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String call(String business, String callId, Instant endedAt) {
        return """
                {"callId":"%s-%s","provider":"vonage","businessId":"%s","caller":"+15550101010","callerReachable":true,
                 "called":"+15550100000","outcome":"MISSED","endedAt":"%s"}""".formatted(business, callId, business, endedAt);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
