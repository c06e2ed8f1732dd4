package dev.textback.dispatch.inbound;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InboundMessageRepository implements PanacheRepositoryBase<InboundMessage, String> {

    /** Claims the message id; false when this message was handled before (a retried webhook). */
    public boolean claim(String messageId, String businessId, String phone, String to, String text,
            java.time.Instant receivedAt) {
        return getEntityManager()
                .createNativeQuery("insert into inbound_message (message_id, business_id, phone, to_number, text, kind, "
                        + "received_at) values (:id, :b, :p, :to, :text, 'REPLY', :at) on conflict do nothing")
                .setParameter("id", messageId)
                .setParameter("b", businessId)
                .setParameter("p", phone)
                .setParameter("to", to)
                .setParameter("text", text)
                .setParameter("at", receivedAt)
                .executeUpdate() == 1;
    }

    /** When this caller last replied to this business, or null. */
    public java.time.Instant lastReplyAt(String businessId, String phone) {
        return getEntityManager()
                .createQuery("select max(m.receivedAt) from InboundMessage m where m.businessId = :b and m.phone = :p "
                        + "and m.kind = 'REPLY'", java.time.Instant.class)
                .setParameter("b", businessId)
                .setParameter("p", phone)
                .getSingleResult();
    }
}
