package dev.textback.dispatch.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Remembers which events (and receipts) were applied, inside the transaction that applies them. */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

    /** True the first time an id is seen; false when it was already applied (or is being applied concurrently). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String eventId) {
        return em.createNativeQuery("insert into processed_event (event_id) values (:id) on conflict do nothing")
                .setParameter("id", eventId)
                .executeUpdate() == 1;
    }
}
