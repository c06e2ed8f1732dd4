package dev.textback.metrics.fold;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;
import dev.textback.texts.events.TextStatus;

/**
 * lead_fact: one row per lead, created by whichever of its events arrives first and completed by the
 * others. Every statement is an upsert whose merge keeps what is already known (COALESCE, LEAST,
 * GREATEST), so the row ends up the same in any arrival order.
 * <p>
 * The lead's missed call: a TextSent names the opening call and when it ended, and is trusted over
 * anything else ({@code opening_confirmed}). Before one arrives, the earliest suppressed call of the
 * lead stands in for it, which is right because later calls can only join a lead, never open it.
 */
@ApplicationScoped
public class LeadFacts {
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String TEXTED_INSERT = """
            insert into lead_fact (lead_id, business_id, opening_call_id, opening_confirmed, caller, missed_at,
                                   first_text_id, texted_at, variant)
            """;
    static final String TEXTED_MERGE = """
            on conflict (lead_id) do update set
                business_id = excluded.business_id,
                opening_call_id = coalesce(excluded.opening_call_id, lead_fact.opening_call_id),
                opening_confirmed = true,
                caller = coalesce(lead_fact.caller, excluded.caller),
                missed_at = coalesce(excluded.missed_at, lead_fact.missed_at),
                first_text_id = coalesce(excluded.first_text_id, lead_fact.first_text_id),
                texted_at = coalesce(excluded.texted_at, lead_fact.texted_at),
                variant = coalesce(excluded.variant, lead_fact.variant)
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String RECEIPT_INSERT = """
            insert into lead_fact (lead_id, business_id, caller, first_text_status, first_text_status_at, delivered_at)
            """;
    static final String RECEIPT_MERGE = """
            on conflict (lead_id) do update set
                caller = coalesce(lead_fact.caller, excluded.caller),
                first_text_status = case
                    when excluded.first_text_status is null then lead_fact.first_text_status
                    when lead_fact.first_text_status_at is null
                         or excluded.first_text_status_at >= lead_fact.first_text_status_at
                        then excluded.first_text_status
                    else lead_fact.first_text_status end,
                first_text_status_at = greatest(lead_fact.first_text_status_at, excluded.first_text_status_at),
                delivered_at = least(lead_fact.delivered_at, excluded.delivered_at)
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String SUPPRESSED_INSERT = """
            insert into lead_fact (lead_id, business_id, opening_call_id, caller, missed_at)
            """;
    static final String SUPPRESSED_MERGE = """
            on conflict (lead_id) do update set
                caller = coalesce(lead_fact.caller, excluded.caller),
                opening_call_id = case
                    when lead_fact.opening_confirmed then lead_fact.opening_call_id
                    when excluded.missed_at is not null
                         and (lead_fact.missed_at is null or excluded.missed_at < lead_fact.missed_at)
                        then excluded.opening_call_id
                    else coalesce(lead_fact.opening_call_id, excluded.opening_call_id) end,
                missed_at = case
                    when lead_fact.opening_confirmed then lead_fact.missed_at
                    else least(lead_fact.missed_at, excluded.missed_at) end
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String REPLIED_INSERT = """
            insert into lead_fact (lead_id, business_id, caller, first_reply_at, reply_after_step, replies)
            """;
    static final String REPLIED_MERGE = """
            on conflict (lead_id) do update set
                caller = coalesce(lead_fact.caller, excluded.caller),
                reply_after_step = case
                    when lead_fact.first_reply_at is null or excluded.first_reply_at < lead_fact.first_reply_at
                        then excluded.reply_after_step
                    else lead_fact.reply_after_step end,
                first_reply_at = least(lead_fact.first_reply_at, excluded.first_reply_at),
                replies = lead_fact.replies + 1
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String OPTED_OUT_INSERT = """
            insert into lead_fact (lead_id, business_id, caller, opted_out_at)
            """;
    static final String OPTED_OUT_MERGE = """
            on conflict (lead_id) do update set
                caller = coalesce(lead_fact.caller, excluded.caller),
                opted_out_at = least(lead_fact.opted_out_at, excluded.opted_out_at)
            """;

    @Inject
    EntityManager em;

    /** From a TextSent: the opening call, and for step 0 the first text. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void texted(String leadId, String businessId, String caller, String openingCallId, Instant missedAt,
            int step, String textId, Instant acceptedAt, String variant) {
        boolean first = step == 0;
        NativeSql.of(em, TEXTED_INSERT
                + "values (:leadId, :businessId, :callId, true, :caller, :missedAt, :textId, :textedAt, :variant)\n"
                + TEXTED_MERGE)
                .text("leadId", leadId)
                .text("businessId", businessId)
                .text("callId", openingCallId)
                .text("caller", caller)
                .instant("missedAt", missedAt)
                .text("textId", first ? textId : null)
                .instant("textedAt", first ? acceptedAt : null)
                .text("variant", first ? variant : null)
                .execute();
    }

    /** From a receipt: for step 0 the first text's status (the latest receipt by its own time wins). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receipt(String leadId, String businessId, String caller, int step, TextStatus status,
            Instant statusAt) {
        boolean first = step == 0 && status != null;
        NativeSql.of(em, RECEIPT_INSERT
                + "values (:leadId, :businessId, :caller, :status, :statusAt, :deliveredAt)\n"
                + RECEIPT_MERGE)
                .text("leadId", leadId)
                .text("businessId", businessId)
                .text("caller", caller)
                .text("status", first ? status.name() : null)
                .instant("statusAt", first ? statusAt : null)
                .instant("deliveredAt", first && status == TextStatus.DELIVERED ? statusAt : null)
                .execute();
    }

    /** From a TextSuppressed with a lead: the call opened or joined the lead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suppressedCall(String leadId, String businessId, String caller, String callId, Instant missedAt) {
        NativeSql.of(em, SUPPRESSED_INSERT
                + "values (:leadId, :businessId, :callId, :caller, :missedAt)\n"
                + SUPPRESSED_MERGE)
                .text("leadId", leadId)
                .text("businessId", businessId)
                .text("callId", callId)
                .text("caller", caller)
                .instant("missedAt", missedAt)
                .execute();
    }

    /** From a ReplyReceived: the earliest reply and the step it answered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replied(String leadId, String businessId, String caller, int afterStep, Instant receivedAt) {
        NativeSql.of(em, REPLIED_INSERT
                + "values (:leadId, :businessId, :caller, :receivedAt, :afterStep, 1)\n"
                + REPLIED_MERGE)
                .text("leadId", leadId)
                .text("businessId", businessId)
                .text("caller", caller)
                .integer("afterStep", afterStep)
                .instant("receivedAt", receivedAt)
                .execute();
    }

    /** From an OptOutChanged that named a lead: when the lead first opted out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void optedOut(String leadId, String businessId, String caller, Instant at) {
        NativeSql.of(em, OPTED_OUT_INSERT
                + "values (:leadId, :businessId, :caller, :at)\n"
                + OPTED_OUT_MERGE)
                .text("leadId", leadId)
                .text("businessId", businessId)
                .text("caller", caller)
                .instant("at", at)
                .execute();
    }
}
