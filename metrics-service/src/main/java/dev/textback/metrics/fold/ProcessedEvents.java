package dev.textback.metrics.fold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.textback.metrics.db.NativeSql;

/** Ids of incoming events already applied; written in the same transaction as their effects. */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

    /** True the first time an id is seen; false for a redelivery, which must then change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String eventId) {
        return NativeSql.of(em, "insert into processed_event (event_id) values (:id) on conflict do nothing")
                .text("id", eventId)
                .execute() == 1;
    }
}
