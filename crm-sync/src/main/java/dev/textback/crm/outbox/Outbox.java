package dev.textback.crm.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes an event into the outbox table inside the caller's transaction, so a state change and the
 * event it causes commit (or roll back) together. {@link OutboxRelay} publishes the rows later.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Event<OutboxWritten> written;

    /**
     * @param payload the event record, serialized as JSON; null writes a tombstone (a Kafka record with a null value)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, String eventId, String eventType, String subject, Object payload) {
        String body;
        try {
            body = payload == null ? null : json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + eventType, e);
        }
        // Typed binding: an untyped null would be sent as bytea and PostgreSQL would refuse it for a text column.
        em.createNativeQuery("insert into outbox (topic, msg_key, event_id, event_type, subject, payload, created_at)"
                + " values (:topic, :key, :id, :type, :subject, :payload, :at)")
                .unwrap(NativeQuery.class)
                .setParameter("topic", topic)
                .setParameter("key", key)
                .setParameter("id", eventId)
                .setParameter("type", eventType)
                .setParameter("subject", subject, String.class)
                .setParameter("payload", body, String.class)
                .setParameter("at", Instant.now())
                .executeUpdate();
        written.fire(new OutboxWritten(topic));
    }
}
