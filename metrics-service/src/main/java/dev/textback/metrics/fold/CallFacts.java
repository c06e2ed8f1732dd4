package dev.textback.metrics.fold;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.calls.events.CallEnded;
import dev.textback.metrics.db.NativeSql;

/**
 * call_fact: one row per inbound call. CallEnded fills in what the call was; TextSent and
 * TextSuppressed say which lead it belongs to. Either may come first (different topics), so both are
 * upserts that touch only their own columns.
 */
@ApplicationScoped
public class CallFacts {
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String ENDED_INSERT = """
            insert into call_fact (call_id, business_id, caller, outcome, reachable, ended_at)
            """;
    static final String ENDED_MERGE = """
            on conflict (call_id) do update set
                business_id = excluded.business_id,
                caller = excluded.caller,
                outcome = excluded.outcome,
                reachable = excluded.reachable,
                ended_at = excluded.ended_at
            """;
    /** Shared with {@link BatchFold}: one definition of how this event merges into the row. */
    static final String BELONGS_INSERT = """
            insert into call_fact (call_id, business_id, lead_id)
            """;
    static final String BELONGS_MERGE = """
            on conflict (call_id) do update set lead_id = excluded.lead_id
            """;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void ended(CallEnded call, Instant endedAt) {
        NativeSql.of(em, ENDED_INSERT
                + "values (:callId, :businessId, :caller, :outcome, :reachable, :endedAt)\n"
                + ENDED_MERGE)
                .text("callId", call.callId())
                .text("businessId", call.businessId())
                .text("caller", call.caller())
                .text("outcome", call.outcome() == null ? null : call.outcome().name())
                .bool("reachable", call.callerReachable())
                .instant("endedAt", endedAt)
                .execute();
    }

    /** The call opened or joined this lead; conversions find their lead through this link. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void belongsTo(String callId, String businessId, String leadId) {
        NativeSql.of(em, BELONGS_INSERT
                + "values (:callId, :businessId, :leadId)\n"
                + BELONGS_MERGE)
                .text("callId", callId)
                .text("businessId", businessId)
                .text("leadId", leadId)
                .execute();
    }
}
