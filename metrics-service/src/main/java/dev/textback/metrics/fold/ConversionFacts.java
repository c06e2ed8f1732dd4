package dev.textback.metrics.fold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.crm.events.ConversionRecorded;
import dev.textback.metrics.db.NativeSql;

/**
 * conversion_fact: each conversion at its latest revision. The value of a booking changes when the
 * invoice arrives; only a higher revision replaces the row, so a late or replayed older revision is
 * harmless. The lead is not stored here: it is found at query time through lead_call_id, so it does not
 * matter whether the conversion or the lead's texts arrived first.
 */
@ApplicationScoped
public class ConversionFacts {
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String RECORDED_INSERT = """
            insert into conversion_fact (conversion_id, business_id, lead_call_id, value, currency, estimated,
                                         recovered, occurred_at, revision)
            """;
    static final String RECORDED_MERGE = """
            on conflict (conversion_id) do update set
                business_id = excluded.business_id,
                lead_call_id = excluded.lead_call_id,
                value = excluded.value,
                currency = excluded.currency,
                estimated = excluded.estimated,
                recovered = excluded.recovered,
                occurred_at = excluded.occurred_at,
                revision = excluded.revision
            where conversion_fact.revision < excluded.revision
            """;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void recorded(ConversionRecorded c) {
        NativeSql.of(em, RECORDED_INSERT
                + "values (:id, :businessId, :leadCallId, :value, :currency, :estimated, :recovered, :occurredAt, :revision)\n"
                + RECORDED_MERGE)
                .text("id", c.conversionId())
                .text("businessId", c.businessId())
                .text("leadCallId", c.leadCallId())
                .decimal("value", c.value())
                .text("currency", c.currency())
                .bool("estimated", c.estimated())
                .bool("recovered", c.recovered())
                .instant("occurredAt", c.occurredAt())
                .integer("revision", c.revision())
                .execute();
    }
}
