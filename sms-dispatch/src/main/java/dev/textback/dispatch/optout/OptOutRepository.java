package dev.textback.dispatch.optout;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class OptOutRepository implements PanacheRepositoryBase<OptOut, OptOut.Key> {

    public boolean isOptedOut(String businessId, String phone) {
        OptOut o = findById(new OptOut.Key(businessId, phone));
        return o != null && o.optedOut;
    }

    /**
     * Which of these callers are opted out, as {@code businessId + ":" + phone}: one query for a
     * whole batch of texts instead of one per text.
     */
    public java.util.Set<String> optedOutAmong(java.util.Collection<String> businessIds,
            java.util.Collection<String> phones) {
        if (businessIds.isEmpty() || phones.isEmpty()) {
            return java.util.Set.of();
        }
        // may match a pair that was not asked for (business of one text, phone of another): harmless, callers look up their own pair
        return new java.util.HashSet<>(getEntityManager()
                .createQuery("select o.businessId || ':' || o.phone from OptOut o where o.optedOut = true "
                        + "and o.businessId in :businesses and o.phone in :phones", String.class)
                .setParameter("businesses", businessIds)
                .setParameter("phones", phones)
                .getResultList());
    }

    /** Sets the state; returns true when it changed. */
    public boolean set(String businessId, String phone, boolean optedOut, String keyword, Instant at) {
        OptOut o = findById(new OptOut.Key(businessId, phone), LockModeType.PESSIMISTIC_WRITE);
        if (o == null) {
            if (!optedOut) {
                return false; // never opted out: nothing to opt back into
            }
            o = new OptOut();
            o.businessId = businessId;
            o.phone = phone;
            o.optedOut = true;
            o.keyword = keyword;
            o.changedAt = at;
            persist(o);
            return true;
        }
        if (o.optedOut == optedOut) {
            return false;
        }
        o.optedOut = optedOut;
        o.keyword = keyword;
        o.changedAt = at;
        return true;
    }
}
