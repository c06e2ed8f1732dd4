package dev.textback.metrics.rebuild;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;

/**
 * The live fold holds this lock shared for each event's transaction; a rebuild holds it exclusively
 * while it catches up with the last records and renames the schemas, so no live event is folded into
 * a schema that is being swapped away.
 */
@ApplicationScoped
public class SwitchLock {
    public static final long KEY = 0x7265_6275_696C_64L; // "rebuild"

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared() {
        NativeSql.of(em, "select count(*) from (select pg_advisory_xact_lock_shared(" + KEY + ")) x").results();
    }
}
