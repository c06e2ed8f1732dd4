package dev.textback.dispatch.sending;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class OutboundTextRepository implements PanacheRepositoryBase<OutboundText, UUID> {

    /**
     * PENDING texts that are due, locked and loaded in one statement; rows another sender holds are
     * skipped, not waited for.
     */
    @SuppressWarnings("unchecked")
    public List<OutboundText> lockDue(Instant now, int limit) {
        return getEntityManager()
                .createNativeQuery("select * from outbound_text where state = 'PENDING' and next_attempt_at <= :now "
                        + "order by next_attempt_at limit :limit for update skip locked", OutboundText.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** These texts, locked in id order (so two transactions locking several never deadlock each other). */
    @SuppressWarnings("unchecked")
    public List<OutboundText> lockAll(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of()
                : getEntityManager()
                        .createNativeQuery("select * from outbound_text where id in (:ids) order by id for update",
                                OutboundText.class)
                        .setParameter("ids", ids)
                        .getResultList();
    }

    /** Ids of SENDING texts whose lease ran out (the sender died mid-send), locked. */
    public List<UUID> lockExpiredLeases(Instant now, int limit) {
        return ids(getEntityManager()
                .createNativeQuery("select id from outbound_text where state = 'SENDING' and lease_until < :now "
                        + "order by lease_until limit :limit for update skip locked")
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Marks the submission as started (and extends the lease) while this sender still holds the text. */
    public boolean markSubmitting(UUID id, Instant now, Instant until) {
        // plain SQL: an HQL update is translated to SQL again on every execution, once per text sent
        return getEntityManager()
                .createNativeQuery("update outbound_text set submit_started_at = :now, lease_until = :until, "
                        + "updated_at = :now where id = :id and state = 'SENDING' and lease_until >= :now")
                .setParameter("id", id)
                .setParameter("now", now)
                .setParameter("until", until)
                .executeUpdate() == 1;
    }

    public OutboundText lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<OutboundText> lockByProviderMessageId(String messageId) {
        return find("providerMessageId", messageId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The caller's lead texts at this business that have not gone out yet, locked. */
    public List<OutboundText> lockPending(String businessId, String recipient) {
        return find("businessId = ?1 and recipient = ?2 and state = ?3 and kind = ?4", businessId, recipient,
                TextState.PENDING, OutboundText.KIND_LEAD).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The lead's follow-ups (step 1..) that have not gone out yet, locked. */
    public List<OutboundText> lockPendingFollowUps(String leadId) {
        return find("leadId = ?1 and step > 0 and state = ?2", leadId, TextState.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The highest step of the lead that the provider accepted, or -1. */
    public int highestSentStep(String leadId) {
        Integer step = getEntityManager()
                .createQuery("select max(t.step) from OutboundText t where t.leadId = :lead and t.state = :sent "
                        + "and t.kind = 'LEAD'",
                        Integer.class)
                .setParameter("lead", leadId)
                .setParameter("sent", TextState.SENT)
                .getSingleResult();
        return step == null ? -1 : step;
    }

    /**
     * UNKNOWN texts whose submission started in [from, until), oldest first: id, recipient and the
     * submission's start, which a later change must still find unchanged (the text may have been
     * resent and become UNKNOWN again meanwhile).
     */
    public List<UnknownText> unknownSubmittedBetween(Instant from, Instant until, int limit) {
        // the state as a literal, so the partial index on UNKNOWN rows serves the query
        return getEntityManager()
                .createQuery("select new dev.textback.dispatch.sending.UnknownText(t.id, t.recipient, t.submitStartedAt) "
                        + "from OutboundText t where t.state = dev.textback.dispatch.sending.TextState.UNKNOWN "
                        + "and t.submitStartedAt >= :from and t.submitStartedAt < :until order by t.submitStartedAt",
                        UnknownText.class)
                .setParameter("from", from)
                .setParameter("until", until)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<OutboundText> ofLeads(Collection<String> leadIds) {
        return leadIds.isEmpty() ? List.of() : list("leadId in ?1 order by step", leadIds);
    }

    private static List<UUID> ids(List<?> rows) {
        return rows.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }
}
