package dev.textback.dispatch.outbox;

import java.sql.PreparedStatement;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Remembers which events (and receipts) were applied, inside the transaction that applies them. */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

    /**
     * True the first time an id is seen; false when it was already applied (or is being applied
     * concurrently). Plain JDBC on the transaction's connection: a native Hibernate statement
     * flushes the whole session before it runs, every time, although this insert depends on none of
     * the session's changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String eventId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection
                    .prepareStatement("insert into processed_event (event_id) values (?) on conflict do nothing")) {
                insert.setString(1, eventId);
                return insert.executeUpdate() == 1;
            }
        });
    }
}
