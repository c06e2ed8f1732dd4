package dev.textback.crm.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The ids of incoming events already applied; written in the same transaction as their effects. */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

    /** True the first time an id is seen; false for a redelivery (then nothing must be applied again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String eventId) {
        return em.createNativeQuery("insert into processed_event (event_id) values (:id) on conflict do nothing")
                .setParameter("id", eventId)
                .executeUpdate() == 1;
    }
}
