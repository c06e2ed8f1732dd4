package dev.textback.metrics.business;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.metrics.db.NativeSql;
import dev.textback.metrics.fold.Touched;

/**
 * Keeps the latest profile of each business. The topic is compacted and replayed from the start by a
 * new consumer group, so an older snapshot can arrive after a newer one was stored: only a higher
 * revision replaces a row.
 */
@ApplicationScoped
public class BusinessFold {
    @Inject
    EntityManager em;
    @Inject
    Touched touched;

    @Transactional(Transactional.TxType.MANDATORY)
    public void profile(BusinessProfile p) {
        if (p.businessId() == null || p.businessId().isBlank()) {
            throw new IllegalArgumentException("business profile without businessId");
        }
        List<?> before = NativeSql.of(em, "select time_zone from business where id = :id")
                .text("id", p.businessId()).results();
        String zone = p.timeZone() == null ? "UTC" : p.timeZone();
        int changed = NativeSql.of(em, """
                insert into business (id, name, time_zone, monthly_cost, average_client_value, currency, revision, updated_at)
                values (:id, :name, :zone, :monthlyCost, :acv, :currency, :revision, :updatedAt)
                on conflict (id) do update set
                    name = excluded.name,
                    time_zone = excluded.time_zone,
                    monthly_cost = excluded.monthly_cost,
                    average_client_value = excluded.average_client_value,
                    currency = excluded.currency,
                    revision = excluded.revision,
                    updated_at = excluded.updated_at
                where business.revision < excluded.revision
                """)
                .text("id", p.businessId())
                .text("name", p.name())
                .text("zone", zone)
                .decimal("monthlyCost", p.monthlyCost())
                .decimal("acv", p.averageClientValue())
                .text("currency", p.currency())
                .bigint("revision", p.revision())
                .instant("updatedAt", p.updatedAt())
                .execute();
        if (changed == 1 && (before.isEmpty() || !zone.equals(before.get(0)))) {
            // Local days move with the zone: the rollups of this business are recomputed.
            touched.wholeBusiness(p.businessId());
        }
    }

    /** A tombstone: the business was deleted. Its facts stay (they are history), its reports go. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String businessId) {
        NativeSql.of(em, "delete from business where id = :id").text("id", businessId).execute();
    }
}
