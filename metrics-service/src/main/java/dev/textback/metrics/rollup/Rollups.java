package dev.textback.metrics.rollup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.textback.metrics.db.NativeSql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Recomputes what the fold marked as touched: first the derived columns of each dirty lead (its
 * conversions, revenue, text cost, speed to text, the local day it counts in), then every rollup row of
 * each affected (business, local day) from the facts. A lead that moved to another day (its opening
 * call became known) is taken out of the old day and put into the new one, because both are recomputed.
 * <p>
 * The work is done in bounded chunks, each its own short transaction: at most
 * {@code metrics.rollups.chunk-leads} dirty leads are claimed, derived and their old and new days marked
 * dirty; then at most {@code metrics.rollups.chunk-days} dirty days are claimed and recomputed. A backlog
 * of any size (a replay of years of history, a time-zone change of a huge business) therefore never
 * needs one giant transaction, and a failed chunk leaves its marks in place for the next try.
 * <p>
 * One chunk at a time (a transaction-level advisory lock), so two refreshes never insert the same rollup
 * row. Reports call {@link #refreshIfPending()} before reading, so an answer reflects every fact
 * committed before the request; the scheduler keeps the backlog short in between.
 */
@ApplicationScoped
public class Rollups {
    private static final Logger LOG = Logger.getLogger(Rollups.class);
    static final long LOCK = 0x7465_7874_6261_636BL; // "textback"; the tests hold it to keep refreshers off
    /** The rollups keyed by (business, local day); speed_month follows from speed_day. */
    public static final String[] DAY_TABLES = {"lead_day", "step_day", "speed_day", "call_day", "suppression_day",
        "conversion_day"};

    @Inject
    EntityManager em;

    @ConfigProperty(name = "metrics.rollups.chunk-leads", defaultValue = "5000")
    int leadChunk;
    @ConfigProperty(name = "metrics.rollups.chunk-days", defaultValue = "60")
    int dayChunk;

    @Scheduled(every = "${metrics.rollups.refresh-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "rollup refresh failed; it is retried on the next tick");
        }
    }

    /** True when facts changed since the last refresh. Cheap: two index probes. */
    @Transactional
    public boolean pending() {
        Object any = NativeSql.of(em, "select exists (select 1 from dirty_lead) or exists (select 1 from dirty_day)")
                .results().get(0);
        return Boolean.TRUE.equals(any);
    }

    /** Refreshes only when something is pending; returns the number of (business, day) rows recomputed. */
    public int refreshIfPending() {
        return pending() ? refresh() : 0;
    }

    /** Works off everything marked in the live schema; returns the number of (business, day) rows recomputed. */
    public int refresh() {
        return refresh(null);
    }

    /**
     * Works off everything marked in {@code schema} (null: the connection's own, the live read model), chunk
     * by chunk. Runs outside any caller transaction: each chunk commits on its own.
     */
    public int refresh(String schema) {
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> deriveChunk(schema));
        } while (claimed == leadChunk); // a short chunk means the backlog committed before it is done
        int days = 0;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> dayChunk(schema));
            days += claimed;
        } while (claimed == dayChunk);
        return days;
    }

    /** Claims up to leadChunk dirty leads, derives their columns and marks the days they leave and enter. */
    private int deriveChunk(String schema) {
        begin(schema);
        sql("create temp table r_lead (lead_id text primary key) on commit drop").execute();
        sql("insert into r_lead select lead_id from dirty_lead limit %d".formatted(leadChunk)).execute();
        int claimed = (int) NativeSql.longOf(sql("select count(*) from r_lead").results().get(0));
        if (claimed == 0) {
            return 0;
        }
        sql("analyze r_lead").execute();
        // Locks in the folds' order (EventFold): lead rows first, in key order (waiting for folds still
        // writing them), then the marks, in key order too. Deleting a mark waits for a fold that marked it
        // and has not committed (Touched's marks lock the row), so every statement below sees that fold's
        // facts; the day marks come last. The opposite order deadlocked against the live fold.
        sql("""
                select count(*) from (select 1 from lead_fact where lead_id in (select lead_id from r_lead)
                                      order by lead_id for update) x
                """).results();
        sql("""
                delete from dirty_lead where lead_id in
                    (select d.lead_id from dirty_lead d join r_lead r on r.lead_id = d.lead_id
                     order by d.lead_id for update of d)
                """).execute();
        // The day a dirty lead counted in until now: recomputed too, in case the lead leaves it.
        markDaysOfClaimedLeads();
        deriveLeads();
        markDaysOfClaimedLeads();
        return claimed;
    }

    private void markDaysOfClaimedLeads() {
        sql("""
                insert into dirty_day (business_id, day)
                select distinct l.business_id, l.rollup_day
                from lead_fact l join r_lead r on r.lead_id = l.lead_id
                where l.rollup_day is not null on conflict do nothing
                """).execute();
    }

    /** Claims up to dayChunk dirty (business, day) pairs and recomputes all their rollup rows. */
    private int dayChunk(String schema) {
        begin(schema);
        sql("create temp table r_day (business_id text, day date, primary key (business_id, day)) on commit drop")
                .execute();
        // in key order, like the lead marks in deriveChunk
        sql("""
                with d as (delete from dirty_day where (business_id, day) in
                               (select business_id, day from dirty_day order by business_id, day limit %d for update)
                           returning business_id, day)
                insert into r_day select business_id, day from d on conflict do nothing
                """.formatted(dayChunk)).execute();
        int claimed = (int) NativeSql.longOf(sql("select count(*) from r_day").results().get(0));
        if (claimed == 0) {
            return 0;
        }
        sql("analyze r_day").execute();
        recomputeDays();
        return claimed;
    }

    /** Serializes chunks (the advisory lock is released at commit) and points the transaction at the schema. */
    private void begin(String schema) {
        sql("select count(*) from (select pg_advisory_xact_lock(" + LOCK + ")) x").results();
        if (schema != null) {
            sql("set local search_path to " + schema).execute();
        }
    }

    private void deriveLeads() {
        sql("""
                update lead_fact l set
                    reachable = x.reachable,
                    suppressed_reason = x.reason,
                    conversions = x.conversions,
                    converted_at = x.converted_at,
                    revenue = x.revenue,
                    estimated_revenue = x.estimated_revenue,
                    estimated = x.estimated,
                    text_cost = x.text_cost,
                    texts = x.texts,
                    speed_seconds = case when l.texted_at is not null and l.missed_at is not null
                        then greatest(0, floor(extract(epoch from (l.texted_at - l.missed_at))))::int end,
                    rollup_day = case when l.missed_at is not null then (l.missed_at at time zone x.zone)::date end
                from (
                    select r.lead_id,
                           coalesce((select f.reachable from call_fact f where f.call_id = o.opening_call_id), true)
                               as reachable,
                           case when o.texted_at is null
                               then (select s.reason from suppression_fact s where s.call_id = o.opening_call_id) end
                               as reason,
                           coalesce(cv.conversions, 0) as conversions, cv.converted_at, cv.revenue,
                           cv.estimated_revenue, cv.estimated,
                           tx.text_cost, tx.texts,
                           coalesce(b.time_zone, 'UTC') as zone
                    from r_lead r
                    join lead_fact o on o.lead_id = r.lead_id
                    left join business b on b.id = o.business_id
                    left join lateral (
                        select count(*) as conversions, min(c.occurred_at) as converted_at,
                               sum(coalesce(c.value, 0)) as revenue,
                               sum(coalesce(c.value, 0)) filter (where c.estimated) as estimated_revenue,
                               bool_or(c.estimated) as estimated
                        from call_fact f join conversion_fact c on c.lead_call_id = f.call_id
                        where f.lead_id = o.lead_id and c.recovered and c.business_id = o.business_id
                        having count(*) > 0) cv on true
                    left join lateral (
                        select sum(coalesce(t.price, 0)) as text_cost,
                               count(*) filter (where t.accepted_at is not null) as texts
                        from text_fact t where t.lead_id = o.lead_id) tx on true
                ) x
                where l.lead_id = x.lead_id
                """).execute();
    }

    /**
     * Every rollup row of the claimed days, from the facts. Each day is read through a LATERAL subquery,
     * so the plan is one index range scan per day whatever the table statistics say (right after a bulk
     * load a join plan may otherwise scan a whole table for every chunk).
     */
    private void recomputeDays() {
        for (String table : DAY_TABLES) {
            sql("delete from " + table + " t using r_day r where t.business_id = r.business_id and t.day = r.day")
                    .execute();
        }
        sql("""
                insert into lead_day (business_id, day, variant, leads, texted, delivered, replied, converted,
                                      opted_out, revenue, estimated_revenue, sms_cost)
                select r.business_id, r.day, x.*
                from r_day r cross join lateral (
                    select case when l.texted_at is null then '' else coalesce(l.variant, '') end,
                           count(*),
                           count(*) filter (where l.texted_at is not null),
                           count(*) filter (where l.texted_at is not null and l.first_text_status = 'DELIVERED'),
                           count(*) filter (where l.first_reply_at is not null),
                           count(*) filter (where l.conversions > 0),
                           count(*) filter (where l.opted_out_at is not null),
                           coalesce(sum(l.revenue), 0),
                           coalesce(sum(l.estimated_revenue), 0),
                           coalesce(sum(l.text_cost), 0)
                    from lead_fact l where l.business_id = r.business_id and l.rollup_day = r.day
                    group by 1) x
                """).execute();
        sql("""
                insert into step_day (business_id, day, step, sent, replied, converted)
                select r.business_id, r.day, x.*
                from r_day r cross join lateral (
                    select step, sum(sent), sum(replied), sum(converted) from (
                        select s.step, 1 as sent, 0 as replied, 0 as converted
                        from (select distinct l.lead_id, t.step
                              from lead_fact l join text_fact t on t.lead_id = l.lead_id
                              where l.business_id = r.business_id and l.rollup_day = r.day
                                and t.accepted_at is not null and t.step is not null) s
                        union all
                        select l.reply_after_step, 0, 1, case when l.conversions > 0 then 1 else 0 end
                        from lead_fact l
                        where l.business_id = r.business_id and l.rollup_day = r.day
                          and l.first_reply_at is not null and l.reply_after_step is not null
                    ) u group by 1) x
                """).execute();
        sql("""
                insert into speed_day (business_id, day, seconds, leads)
                select r.business_id, r.day, x.*
                from r_day r cross join lateral (
                    select l.speed_seconds, count(*)
                    from lead_fact l
                    where l.business_id = r.business_id and l.rollup_day = r.day and l.speed_seconds is not null
                    group by 1) x
                """).execute();
        sql("""
                insert into call_day (business_id, day, inbound, missed)
                select r.business_id, r.day, x.inbound, x.missed
                from r_day r
                left join business b on b.id = r.business_id
                cross join lateral (
                    select count(*) as inbound, count(*) filter (where c.outcome in ('MISSED', 'VOICEMAIL')) as missed
                    from call_fact c
                    where c.business_id = r.business_id
                      and %s) x
                where x.inbound > 0
                """.formatted(onLocalDay("c.ended_at"))).execute();
        sql("""
                insert into suppression_day (business_id, day, reason, calls)
                select r.business_id, r.day, x.*
                from r_day r
                left join business b on b.id = r.business_id
                cross join lateral (
                    select s.reason, count(*)
                    from suppression_fact s
                    where s.business_id = r.business_id
                      and %s
                    group by 1) x
                """.formatted(onLocalDay("s.missed_at"))).execute();
        sql("""
                insert into conversion_day (business_id, day, conversions, value)
                select r.business_id, r.day, x.conversions, x.value
                from r_day r
                left join business b on b.id = r.business_id
                cross join lateral (
                    select count(*) as conversions, coalesce(sum(c.value), 0) as value
                    from conversion_fact c
                    where c.business_id = r.business_id
                      and %s) x
                where x.conversions > 0
                """.formatted(onLocalDay("c.occurred_at"))).execute();
        // The months of the recomputed days: their histograms are the sums of their (fresh) speed_day rows.
        sql("""
                create temp table r_month on commit drop as
                select distinct business_id, cast(date_trunc('month', day) as date) as month from r_day
                """).execute();
        sql("delete from speed_month t using r_month m where t.business_id = m.business_id and t.month = m.month")
                .execute();
        sql("""
                insert into speed_month (business_id, month, seconds, leads)
                select m.business_id, m.month, x.*
                from r_month m cross join lateral (
                    select s.seconds, sum(s.leads)
                    from speed_day s
                    where s.business_id = m.business_id and s.day >= m.month
                      and s.day < cast(m.month + interval '1 month' as date)
                    group by 1) x
                """).execute();
    }

    /**
     * {@code column} (a timestamp) falls on the local day {@code r.day} of business {@code b}: the one
     * definition of a business's local day that the per-day rollups of calls, suppressions and
     * conversions share. A business not known yet counts in UTC.
     */
    private static String onLocalDay(String column) {
        return column + " >= (r.day::timestamp at time zone coalesce(b.time_zone, 'UTC'))\n"
                + "  and " + column + " < ((r.day + 1)::timestamp at time zone coalesce(b.time_zone, 'UTC'))";
    }

    private NativeSql sql(String statement) {
        return NativeSql.of(em, statement);
    }
}
