package dev.textback.crm.attribution;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MissedCallRepository implements PanacheRepositoryBase<MissedCallEntity, String> {

    /** Idempotent: the same call id (a provider retry) is stored once. */
    public void record(String callId, String businessId, String phone, Instant endedAt) {
        getEntityManager().createNativeQuery("""
                insert into missed_call (call_id, business_id, phone, ended_at)
                values (:id, :business, :phone, :endedAt)
                on conflict (call_id) do nothing
                """)
                .setParameter("id", callId)
                .setParameter("business", businessId)
                .setParameter("phone", phone)
                .setParameter("endedAt", endedAt)
                .executeUpdate();
    }

    /** Missed calls from this caller that ended inside [from, to], most recent first. */
    public List<Attribution.MissedCall> between(String businessId, String phone, Instant from, Instant to) {
        return find("businessId = ?1 and phone = ?2 and endedAt >= ?3 and endedAt <= ?4 order by endedAt desc",
                businessId, phone, from, to)
                .page(0, 20)
                .stream()
                .map(m -> new Attribution.MissedCall(m.callId, m.endedAt))
                .toList();
    }
}
