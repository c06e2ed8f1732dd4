package dev.textback.metrics.rollup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.textback.metrics.db.NativeSql;
import io.quarkus.scheduler.Scheduled;

/**
 * Recomputes what the fold marked as touched: first the derived columns of each dirty lead (its
 * conversions, revenue, text cost, speed to text, the local day it counts in), then every rollup row of
 * each affected (business, local day) from the facts. A lead that moved to another day (its opening
 * call became known) is taken out of the old day and put into the new one, because both are recomputed.
 * <p>
 * One refresh at a time (a transaction-level advisory lock), so two refreshes never insert the same
 * rollup row. Reports call {@link #refresh()} before reading, so an answer always reflects every fact
 * committed before the request; the scheduler keeps the backlog short in between.
 */
@ApplicationScoped
public class Rollups {
    private static final Logger LOG = Logger.getLogger(Rollups.class);
    private static final long LOCK = 0x7465_7874_6261_636BL; // "textback"

    @Inject
    EntityManager em;

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

    @Transactional
    public int refresh() {
        sql("select count(*) from (select pg_advisory_xact_lock(" + LOCK + ")) x").results();
        sql("create temp table r_lead (lead_id text primary key) on commit drop").execute();
        sql("create temp table r_day (business_id text, day date, primary key (business_id, day)) on commit drop")
                .execute();
        sql("with d as (delete from dirty_lead returning lead_id) insert into r_lead select lead_id from d "
                + "on conflict do nothing").execute();
        sql("with d as (delete from dirty_day returning business_id, day) insert into r_day select business_id, day "
                + "from d on conflict do nothing").execute();
        // The day a dirty lead counted in until now: recomputed too, in case the lead leaves it.
        sql("""
                insert into r_day select l.business_id, l.rollup_day
                from lead_fact l join r_lead r on r.lead_id = l.lead_id
                where l.rollup_day is not null on conflict do nothing
                """).execute();
        deriveLeads();
        sql("""
                insert into r_day select l.business_id, l.rollup_day
                from lead_fact l join r_lead r on r.lead_id = l.lead_id
                where l.rollup_day is not null on conflict do nothing
                """).execute();
        sql("analyze r_day").execute();
        int days = recomputeDays();
        return days;
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

    private int recomputeDays() {
        for (String table : new String[] {"lead_day", "step_day", "speed_day", "call_day", "suppression_day"}) {
            sql("delete from " + table + " t using r_day r where t.business_id = r.business_id and t.day = r.day")
                    .execute();
        }
        sql("""
                insert into lead_day (business_id, day, variant, leads, texted, delivered, replied, converted,
                                      opted_out, revenue, estimated_revenue, sms_cost)
                select l.business_id, l.rollup_day, case when l.texted_at is null then '' else coalesce(l.variant, '') end,
                       count(*),
                       count(*) filter (where l.texted_at is not null),
                       count(*) filter (where l.texted_at is not null and l.first_text_status = 'DELIVERED'),
                       count(*) filter (where l.first_reply_at is not null),
                       count(*) filter (where l.conversions > 0),
                       count(*) filter (where l.opted_out_at is not null),
                       coalesce(sum(l.revenue), 0),
                       coalesce(sum(l.estimated_revenue), 0),
                       coalesce(sum(l.text_cost), 0)
                from lead_fact l join r_day r on l.business_id = r.business_id and l.rollup_day = r.day
                group by 1, 2, 3
                """).execute();
        sql("""
                insert into step_day (business_id, day, step, sent, replied, converted)
                select business_id, day, step, sum(sent), sum(replied), sum(converted) from (
                    select s.business_id, s.day, s.step, 1 as sent, 0 as replied, 0 as converted
                    from (select distinct l.business_id, l.rollup_day as day, l.lead_id, t.step
                          from lead_fact l join r_day r on l.business_id = r.business_id and l.rollup_day = r.day
                          join text_fact t on t.lead_id = l.lead_id
                          where t.accepted_at is not null and t.step is not null) s
                    union all
                    select l.business_id, l.rollup_day, l.reply_after_step, 0, 1, case when l.conversions > 0 then 1 else 0 end
                    from lead_fact l join r_day r on l.business_id = r.business_id and l.rollup_day = r.day
                    where l.first_reply_at is not null and l.reply_after_step is not null
                ) u group by 1, 2, 3
                """).execute();
        sql("""
                insert into speed_day (business_id, day, seconds, leads)
                select l.business_id, l.rollup_day, l.speed_seconds, count(*)
                from lead_fact l join r_day r on l.business_id = r.business_id and l.rollup_day = r.day
                where l.speed_seconds is not null
                group by 1, 2, 3
                """).execute();
        sql("""
                insert into call_day (business_id, day, inbound, missed)
                select r.business_id, r.day, count(*), count(*) filter (where c.outcome in ('MISSED', 'VOICEMAIL'))
                from r_day r
                left join business b on b.id = r.business_id
                join call_fact c on c.business_id = r.business_id
                    and c.ended_at >= (r.day::timestamp at time zone coalesce(b.time_zone, 'UTC'))
                    and c.ended_at < ((r.day + 1)::timestamp at time zone coalesce(b.time_zone, 'UTC'))
                group by 1, 2
                """).execute();
        sql("""
                insert into suppression_day (business_id, day, reason, calls)
                select r.business_id, r.day, s.reason, count(*)
                from r_day r
                left join business b on b.id = r.business_id
                join suppression_fact s on s.business_id = r.business_id
                    and s.missed_at >= (r.day::timestamp at time zone coalesce(b.time_zone, 'UTC'))
                    and s.missed_at < ((r.day + 1)::timestamp at time zone coalesce(b.time_zone, 'UTC'))
                group by 1, 2, 3
                """).execute();
        Object n = sql("select count(*) from r_day").results().get(0);
        return (int) NativeSql.longOf(n);
    }

    private NativeSql sql(String statement) {
        return NativeSql.of(em, statement);
    }
}
