package dev.textback.metrics.fold;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;

/**
 * Marks what an event touched, in the fold's own transaction, so the rollup refresher recomputes exactly
 * those leads and local days from the facts. Marking instead of adding to counters is what makes the
 * rollups independent of arrival order: a recomputation never depends on what was counted before.
 */
@ApplicationScoped
public class Touched {
    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lead(String leadId) {
        if (leadId != null) {
            NativeSql.of(em, "insert into dirty_lead (lead_id) values (:id) on conflict do nothing")
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
                    on conflict do nothing
                    """).text("id", callId).execute();
        }
    }

    /** The lead a conversion is attributed to now, before a new revision may move it elsewhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadOfConversion(String conversionId) {
        NativeSql.of(em, """
                insert into dirty_lead (lead_id)
                select f.lead_id from conversion_fact c join call_fact f on f.call_id = c.lead_call_id
                where c.conversion_id = :id and f.lead_id is not null
                on conflict do nothing
                """).text("id", conversionId).execute();
    }

    /** The lead of a text, when the receipt did not name it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadOfText(String textId) {
        NativeSql.of(em, """
                insert into dirty_lead (lead_id)
                select lead_id from text_fact where text_id = :id and lead_id is not null
                on conflict do nothing
                """).text("id", textId).execute();
    }

    /** The business's local day of an instant (UTC until the business's profile is known). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void day(String businessId, Instant at) {
        if (businessId == null || at == null) {
            return;
        }
        NativeSql.of(em, """
                insert into dirty_day (business_id, day)
                select :b, (cast(:at as timestamptz) at time zone
                            coalesce((select time_zone from business where id = :b), 'UTC'))::date
                on conflict do nothing
                """).text("b", businessId).instant("at", at).execute();
    }

    /**
     * The business's time zone changed (or became known): every local day moves, so its rollups are
     * dropped and all its facts are marked for recomputation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wholeBusiness(String businessId) {
        for (String table : new String[] {"lead_day", "step_day", "speed_day", "call_day", "suppression_day"}) {
            NativeSql.of(em, "delete from " + table + " where business_id = :b").text("b", businessId).execute();
        }
        NativeSql.of(em, """
                insert into dirty_lead (lead_id) select lead_id from lead_fact where business_id = :b
                on conflict do nothing
                """).text("b", businessId).execute();
        NativeSql.of(em, "update lead_fact set rollup_day = null where business_id = :b").text("b", businessId).execute();
        NativeSql.of(em, """
                insert into dirty_day (business_id, day)
                select distinct :b, (x.at at time zone coalesce((select time_zone from business where id = :b), 'UTC'))::date
                from (select ended_at as at from call_fact where business_id = :b and ended_at is not null
                      union all
                      select missed_at from suppression_fact where business_id = :b and missed_at is not null) x
                on conflict do nothing
                """).text("b", businessId).execute();
    }
}
