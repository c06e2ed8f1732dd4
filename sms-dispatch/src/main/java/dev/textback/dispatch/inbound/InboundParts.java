package dev.textback.dispatch.inbound;

import java.util.List;

import dev.textback.dispatch.inbound.InboundHandler.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Collects the parts of a concatenated inbound SMS in PostgreSQL (they may arrive in any order, on
 * different instances) and hands the whole message to {@link InboundHandler} when the last one
 * arrives, in the same transaction. The whole message's id is derived from the sender and the
 * concatenation reference, so it is handled once however often parts are retried.
 */
@ApplicationScoped
public class InboundParts {
    @Inject
    EntityManager em;
    @Inject
    InboundHandler handler;

    @Transactional
    public Outcome receive(InboundPart p) {
        InboundSms sms = p.sms();
        // serialize the parts of one message: the last one to commit must see all the others
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))")
                .setParameter("k", sms.from() + "|" + sms.to() + "|" + p.ref())
                .getSingleResult();
        em.createNativeQuery("insert into inbound_part (msisdn, to_number, concat_ref, part, total, message_id, text, "
                + "received_at) values (:f, :t, :r, :p, :n, :id, :text, now()) on conflict do nothing")
                .setParameter("f", sms.from())
                .setParameter("t", sms.to())
                .setParameter("r", p.ref())
                .setParameter("p", p.part())
                .setParameter("n", p.total())
                .setParameter("id", sms.messageId())
                .setParameter("text", sms.text() == null ? "" : sms.text())
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> texts = em.createNativeQuery("select text from inbound_part where msisdn = :f and to_number = :t "
                + "and concat_ref = :r order by part")
                .setParameter("f", sms.from())
                .setParameter("t", sms.to())
                .setParameter("r", p.ref())
                .getResultList();
        if (texts.size() < p.total()) {
            return Outcome.PART_STORED;
        }
        em.createNativeQuery("delete from inbound_part where msisdn = :f and to_number = :t and concat_ref = :r")
                .setParameter("f", sms.from())
                .setParameter("t", sms.to())
                .setParameter("r", p.ref())
                .executeUpdate();
        InboundSms whole = new InboundSms("concat:" + sms.from() + ":" + p.ref(), sms.from(), sms.to(),
                String.join("", texts), sms.type(), sms.keyword(), sms.messageTimestamp());
        return handler.handle(whole);
    }
}
