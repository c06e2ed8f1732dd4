package dev.textback.metrics.fold;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.rollup.Rollups;

/**
 * Marks what an event touched, in the fold's own transaction, so the rollup refresher recomputes exactly
 * those leads and local days from the facts. Marking instead of adding to counters is what makes the
 * rollups independent of arrival order: a recomputation never depends on what was counted before.
 */
@ApplicationScoped
public class Touched {
    /*
     * A mark that exists already is locked, not skipped: "do update ... where false" locks the row without
     * writing a new version of it, so the refresher's claim (which deletes marks) waits for this
     * transaction and then sees its facts. With "do nothing" a refresher could delete the old mark and
     * recompute before this transaction committed, and the change would stay out of the rollups with no
     * mark left to bring it in. Folds take lead marks before day marks, as the refresher does.
     */
    static final String LEAD_MARKED = "on conflict (lead_id) do update set lead_id = excluded.lead_id where false";
    static final String DAY_MARKED = "on conflict (business_id, day) do update set day = excluded.day where false";
    /** Business :b's local day of instant :at (UTC until the business's profile is known). */
    private static final String LOCAL_DAY = "(cast(:at as timestamptz) at time zone "
            + "coalesce((select time_zone from business where id = :b), 'UTC'))::date";

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lead(String leadId) {
        if (leadId != null) {
            NativeSql.of(em, "insert into dirty_lead (lead_id) values (:id) " + LEAD_MARKED)
                    .text("id", leadId).execute();
        }
    }

    /** The lead a call belongs to, if that is known yet (a conversion reaches its lead through its call). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadOfCall(String callId) {
        if (callId != null) {
            NativeSql.of(em, """
                    insert into dirty_lead (lead_id)
                    select lead_id from call_fact where call_id = :id and lead_id is not null
                    """ + LEAD_MARKED).text("id", callId).execute();
        }
    }

    /**
     * A conversion (a new one, or a revision that may move it): the lead it was attributed to until now
     * and the lead of its call now, then the local day it counted on until now and its day now. Call it
     * before the conversion's row is replaced, since it reads the old one. Each pair is marked in one
     * statement in key order, as the refresher claims them: a revision moving a conversion from lead A
     * to B and another moving one from B to A then wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void conversion(String conversionId, String callId, String businessId, Instant occurredAt) {
        NativeSql.of(em, """
                insert into dirty_lead (lead_id)
                select lead_id from (
                    select f.lead_id from conversion_fact c join call_fact f on f.call_id = c.lead_call_id
                    where c.conversion_id = :id and f.lead_id is not null
                    union
                    select lead_id from call_fact where call_id = :call and lead_id is not null
                ) x order by lead_id
                """ + LEAD_MARKED).text("id", conversionId).text("call", callId).execute();
        NativeSql.of(em, """
                insert into dirty_day (business_id, day)
                select business_id, day from (
                    select c.business_id, (c.occurred_at at time zone coalesce(b.time_zone, 'UTC'))::date as day
                    from conversion_fact c left join business b on b.id = c.business_id
                    where c.conversion_id = :id and c.occurred_at is not null
                    union
                    select :b, """ + LOCAL_DAY + """
                    where cast(:at as timestamptz) is not null
                ) x order by business_id, day
                """ + DAY_MARKED).text("id", conversionId).text("b", businessId).instant("at", occurredAt).execute();
    }

    /** The lead of a text, when the receipt did not name it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadOfText(String textId) {
        NativeSql.of(em, """
                insert into dirty_lead (lead_id)
                select lead_id from text_fact where text_id = :id and lead_id is not null
                """ + LEAD_MARKED).text("id", textId).execute();
    }

    /** The business's local day of an instant (UTC until the business's profile is known). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void day(String businessId, Instant at) {
        if (businessId == null || at == null) {
            return;
        }
        NativeSql.of(em, """
                insert into dirty_day (business_id, day)
                select :b, """ + LOCAL_DAY + "\n" + DAY_MARKED).text("b", businessId).instant("at", at).execute();
    }

    /**
     * The business's time zone changed (or became known): every local day moves, so its rollups are
     * dropped and all its facts are marked for recomputation. Only marks are written here (no update of
     * the business's leads, which could be millions): the refresher works them off in chunks, and it
     * recomputes the day each lead counted in before as well as its new one. Marks come first, leads then
     * days, each in key order, and the rollups are dropped after them: the refresher also takes marks
     * before it writes rollups, so neither can hold what the other waits for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wholeBusiness(String businessId) {
        NativeSql.of(em, """
                insert into dirty_lead (lead_id) select lead_id from lead_fact where business_id = :b
                order by lead_id
                """ + LEAD_MARKED).text("b", businessId).execute();
        NativeSql.of(em, """
                insert into dirty_day (business_id, day)
                select distinct :b, (x.at at time zone coalesce((select time_zone from business where id = :b), 'UTC'))::date
                from (select ended_at as at from call_fact where business_id = :b and ended_at is not null
                      union all
                      select missed_at from suppression_fact where business_id = :b and missed_at is not null
                      union all
                      select occurred_at from conversion_fact where business_id = :b and occurred_at is not null) x
                order by 2
                """ + DAY_MARKED).text("b", businessId).execute();
        for (String table : Rollups.DAY_TABLES) {
            NativeSql.of(em, "delete from " + table + " where business_id = :b").text("b", businessId).execute();
        }
        NativeSql.of(em, "delete from speed_month where business_id = :b").text("b", businessId).execute();
    }
}
