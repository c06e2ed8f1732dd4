package dev.textback.metrics.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.metrics.business.BusinessEntity;
import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.roi.Period;
import dev.textback.metrics.roi.RoiCalculator;

/** The cohort's leads one by one, with the same joins the ROI summary uses. */
@ApplicationScoped
public class LeadQueries {
    @Inject
    EntityManager em;

    @ConfigProperty(name = "metrics.leads.limit", defaultValue = "1000")
    int limit;

    @Inject
    dev.textback.metrics.rollup.Rollups rollups;

    public List<LeadView> cohort(BusinessEntity business, Period period) {
        rollups.refreshIfPending(); // the derived columns are the refresher's
        Instant start = period.start(business.zone());
        Instant end = period.endExclusive(business.zone());
        return NativeSql.of(em, """
                select l.lead_id, l.opening_call_id, l.caller, l.missed_at, l.first_text_id, l.texted_at, l.variant,
                       l.first_text_status, l.delivered_at, l.first_reply_at, l.reply_after_step, l.replies,
                       l.opted_out_at, t.texts, t.sms_cost, c.conversions, c.revenue,
                       l.reachable, l.suppressed_reason, l.converted_at, l.estimated, l.estimated_revenue,
                       l.speed_seconds, l.rollup_day
                from lead_fact l
                cross join lateral (
                    select count(*) as texts, coalesce(sum(coalesce(price, 0)), 0) as sms_cost
                    from text_fact where text_fact.lead_id = l.lead_id) t
                cross join lateral (
                    select count(*) as conversions, coalesce(sum(cf.value), 0) as revenue
                    from conversion_fact cf
                    join call_fact f on f.call_id = cf.lead_call_id
                    where f.lead_id = l.lead_id and cf.recovered and cf.business_id = l.business_id) c
                where l.business_id = :b and l.missed_at >= :start and l.missed_at < :end
                order by l.missed_at, l.lead_id
                limit :limit
                """)
                .text("b", business.id)
                .instant("start", start)
                .instant("end", end)
                .limit("limit", limit)
                .rows()
                .stream()
                .map(LeadQueries::view)
                .toList();
    }

    private static LeadView view(Object[] r) {
        return new LeadView((String) r[0], (String) r[1], (String) r[2], NativeSql.instantOf(r[3]), (String) r[4],
                NativeSql.instantOf(r[5]), (String) r[6], (String) r[7], NativeSql.instantOf(r[8]),
                NativeSql.instantOf(r[9]), r[10] == null ? null : ((Number) r[10]).intValue(),
                ((Number) r[11]).intValue(), NativeSql.instantOf(r[12]), NativeSql.longOf(r[13]),
                exact(NativeSql.decimalOf(r[14])), NativeSql.longOf(r[15]),
                RoiCalculator.money(NativeSql.decimalOf(r[16])), (Boolean) r[17], (String) r[18],
                NativeSql.instantOf(r[19]), (Boolean) r[20],
                r[21] == null ? null : RoiCalculator.money(NativeSql.decimalOf(r[21])),
                r[22] == null ? null : ((Number) r[22]).intValue(), NativeSql.dateOf(r[23]));
    }

    /** SMS prices keep the provider's precision, without the column's trailing zeros. */
    private static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
