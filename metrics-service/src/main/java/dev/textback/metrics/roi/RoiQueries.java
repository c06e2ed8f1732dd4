package dev.textback.metrics.roi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.db.NativeSql;

/**
 * Reads the counts and sums of one business's cohort from the facts. The cohort is the leads whose
 * missed call ended in [start, end); calls and suppressions are counted by when their call ended.
 * Conversions reach their lead through the call they are attributed to (conversion_fact.lead_call_id
 * -> call_fact.lead_id), joined here rather than when folding, so arrival order never matters.
 */
@ApplicationScoped
public class RoiQueries {
    @Inject
    EntityManager em;

    public RoiInputs inputs(BusinessEntity business, Period period) {
        Instant start = period.start(business.zone());
        Instant end = period.endExclusive(business.zone());

        Object[] calls = one("""
                select count(*),
                       count(*) filter (where outcome in ('MISSED', 'VOICEMAIL'))
                from call_fact
                where business_id = :b and ended_at >= :start and ended_at < :end
                """, business.id, start, end);

        Object[] leads = one("""
                select count(*),
                       count(*) filter (where texted_at is not null),
                       count(*) filter (where texted_at is not null and first_text_status = 'DELIVERED'),
                       count(*) filter (where first_reply_at is not null)
                from lead_fact
                where business_id = :b and missed_at >= :start and missed_at < :end
                """, business.id, start, end);

        Object[] conversions = one("""
                select count(distinct l.lead_id),
                       coalesce(sum(c.value), 0),
                       coalesce(sum(c.value) filter (where c.estimated), 0)
                from conversion_fact c
                join call_fact f on f.call_id = c.lead_call_id
                join lead_fact l on l.lead_id = f.lead_id
                where c.business_id = :b and c.recovered
                  and l.business_id = :b and l.missed_at >= :start and l.missed_at < :end
                """, business.id, start, end);

        Object[] sms = one("""
                select coalesce(sum(coalesce(t.price, 0)), 0)
                from text_fact t
                join lead_fact l on l.lead_id = t.lead_id
                where l.business_id = :b and l.missed_at >= :start and l.missed_at < :end
                """, business.id, start, end);

        Map<String, Long> suppressed = new LinkedHashMap<>();
        for (Object[] row : bind("""
                select reason, count(*)
                from suppression_fact
                where business_id = :b and missed_at >= :start and missed_at < :end
                group by reason
                order by reason
                """, business.id, start, end).rows()) {
            suppressed.put((String) row[0], NativeSql.longOf(row[1]));
        }

        BigDecimal revenue = NativeSql.decimalOf(conversions[1]);
        return new RoiInputs(business.id, period.from(), period.to(), business.currency, business.monthlyCost,
                NativeSql.longOf(calls[0]), NativeSql.longOf(calls[1]),
                NativeSql.longOf(leads[0]), NativeSql.longOf(leads[1]), suppressed,
                NativeSql.longOf(leads[2]), NativeSql.longOf(leads[3]), NativeSql.longOf(conversions[0]),
                revenue, NativeSql.decimalOf(conversions[2]), NativeSql.decimalOf(sms[0]));
    }

    private Object[] one(String sql, String businessId, Instant start, Instant end) {
        List<?> rows = bind(sql, businessId, start, end).results();
        Object first = rows.get(0);
        // A single-column native query yields the value itself, not a one-element array.
        return first instanceof Object[] array ? array : new Object[] { first };
    }

    private NativeSql bind(String sql, String businessId, Instant start, Instant end) {
        return NativeSql.of(em, sql).text("b", businessId).instant("start", start).instant("end", end);
    }
}
