package dev.textback.dispatch.outbox;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.texts.events.TextTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Writes events to the outbox; only callable inside the transaction of the change they describe. */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "insert into outbox (topic, msg_key, event_id, event_type, subject, payload, "
            + "created_at) values (?, ?, ?, ?, ?, ?, ?)";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    /**
     * Plain JDBC on the transaction's connection: the row is never read or changed again in this
     * transaction, and persisting it as an entity cost an identity insert with generated keys, an
     * entity in the session to check at every flush, and about 7 % of sms-dispatch's CPU samples in
     * the morning release (docs/benchmarks.md).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, String eventId, String eventType, String subject, Object event) {
        String payload = json(event);
        OffsetDateTime createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, TextTopic.NAME);
                insert.setString(2, key);
                insert.setString(3, eventId);
                insert.setString(4, eventType);
                insert.setString(5, subject);
                insert.setString(6, payload);
                insert.setObject(7, createdAt);
                insert.executeUpdate();
            }
        });
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable: " + event.getClass().getSimpleName(), e);
        }
    }
}
