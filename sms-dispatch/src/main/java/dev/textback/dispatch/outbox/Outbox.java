package dev.textback.dispatch.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.texts.events.TextTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Writes events to the outbox; only callable inside the transaction of the change they describe. */
@ApplicationScoped
public class Outbox {
    @Inject
    OutboxRepository repository;
    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, String eventId, String eventType, String subject, Object event) {
        OutboxMessage m = new OutboxMessage();
        m.topic = TextTopic.NAME;
        m.key = key;
        m.eventId = eventId;
        m.eventType = eventType;
        m.subject = subject;
        m.payload = json(event);
        m.createdAt = Instant.now();
        repository.persist(m);
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable: " + event.getClass().getSimpleName(), e);
        }
    }
}
