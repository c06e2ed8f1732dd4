package dev.textback.metrics.fold;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatusChanged;

/**
 * text_fact and suppression_fact. A delivery receipt can overtake its TextSent (the provider is fast,
 * the outbox relay batches), so both events upsert the same row and each writes only its own columns:
 * TextSent the send (step, accepted_at, sent_price), the receipt the outcome (status, receipt_price).
 */
@ApplicationScoped
public class TextFacts {
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String SENT_INSERT = """
            insert into text_fact (text_id, lead_id, business_id, step, accepted_at, sent_price, currency)
            """;
    static final String SENT_MERGE = """
            on conflict (text_id) do update set
                lead_id = coalesce(excluded.lead_id, text_fact.lead_id),
                business_id = excluded.business_id,
                step = excluded.step,
                accepted_at = excluded.accepted_at,
                sent_price = excluded.sent_price,
                currency = coalesce(text_fact.currency, excluded.currency)
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String STATUS_INSERT = """
            insert into text_fact (text_id, lead_id, business_id, step, receipt_price, currency, status, status_at)
            """;
    static final String STATUS_MERGE = """
            on conflict (text_id) do update set
                lead_id = coalesce(text_fact.lead_id, excluded.lead_id),
                step = coalesce(text_fact.step, excluded.step),
                receipt_price = coalesce(excluded.receipt_price, text_fact.receipt_price),
                currency = case when excluded.receipt_price is not null then excluded.currency
                                else coalesce(text_fact.currency, excluded.currency) end,
                status = case when text_fact.status_at is null or excluded.status_at >= text_fact.status_at
                              then excluded.status else text_fact.status end,
                status_at = greatest(text_fact.status_at, excluded.status_at)
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String SUPPRESSION_INSERT = """
            insert into suppression_fact (call_id, business_id, lead_id, reason, missed_at)
            """;
    static final String SUPPRESSION_MERGE = """
            on conflict (call_id) do update set
                business_id = excluded.business_id,
                lead_id = coalesce(excluded.lead_id, suppression_fact.lead_id),
                reason = excluded.reason,
                missed_at = coalesce(excluded.missed_at, suppression_fact.missed_at)
            """;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(TextSent t, Instant acceptedAt) {
        NativeSql.of(em, SENT_INSERT
                + "values (:textId, :leadId, :businessId, :step, :acceptedAt, :price, :currency)\n"
                + SENT_MERGE)
                .text("textId", t.textId())
                .text("leadId", t.leadId())
                .text("businessId", t.businessId())
                .integer("step", t.step())
                .instant("acceptedAt", acceptedAt)
                .decimal("price", t.price())
                .text("currency", t.currency())
                .execute();
    }

    /**
     * The latest receipt (by its own time) decides the status; a receipt that carried a price replaces
     * the price TextSent announced, because it is what the provider finally billed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(TextStatusChanged s, Instant statusAt) {
        BigDecimal price = s.price();
        NativeSql.of(em, STATUS_INSERT
                + "values (:textId, :leadId, :businessId, :step, :price, :currency, :status, :statusAt)\n"
                + STATUS_MERGE)
                .text("textId", s.textId())
                .text("leadId", s.leadId())
                .text("businessId", s.businessId())
                .integer("step", s.step())
                .decimal("price", price)
                .text("currency", s.currency())
                .text("status", s.status() == null ? null : s.status().name())
                .instant("statusAt", statusAt)
                .execute();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void suppressed(String callId, String businessId, String leadId, String reason, Instant missedAt) {
        NativeSql.of(em, SUPPRESSION_INSERT
                + "values (:callId, :businessId, :leadId, :reason, :missedAt)\n"
                + SUPPRESSION_MERGE)
                .text("callId", callId)
                .text("businessId", businessId)
                .text("leadId", leadId)
                .text("reason", reason)
                .instant("missedAt", missedAt)
                .execute();
    }
}
