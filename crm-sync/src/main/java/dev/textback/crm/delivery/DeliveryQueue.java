package dev.textback.crm.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Enqueues updates for the external CRMs a business has enabled, inside the caller's transaction
 * (a Kafka event or a conversion), so the queue never disagrees with the change it reports. Only a
 * row insert happens here: the HTTP calls are the worker's, so a slow or failing CRM never holds up
 * the consumers.
 */
@ApplicationScoped
public class DeliveryQueue {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /** {@code dedupeKey} identifies the update (e.g. {@code conversion:<id>:<revision>}); a second enqueue is a no-op. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String dedupeKey, CrmUpdate update) {
        @SuppressWarnings("unchecked")
        List<String> connectors = em.createNativeQuery(
                "select connector from business_connector where business_id = :b and enabled order by connector")
                .setParameter("b", update.businessId())
                .getResultList();
        if (connectors.isEmpty()) {
            return;
        }
        String payload;
        try {
            payload = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a CRM update", e);
        }
        Instant now = Instant.now();
        for (String connector : connectors) {
            em.createNativeQuery("""
                    insert into crm_delivery (business_id, connector, kind, dedupe_key, payload, status, attempts,
                                              next_attempt_at, created_at)
                    values (:b, :c, :kind, :key, :payload, 'PENDING', 0, :now, :now)
                    on conflict (connector, dedupe_key) do nothing
                    """)
                    .setParameter("b", update.businessId())
                    .setParameter("c", connector)
                    .setParameter("kind", update.kind())
                    .setParameter("key", update.businessId() + ":" + dedupeKey)
                    .setParameter("payload", payload)
                    .setParameter("now", now)
                    .executeUpdate();
        }
    }
}
