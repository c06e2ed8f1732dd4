package dev.textback.dispatch.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<Lead, String> {

    /** The caller's lead whose opening call ended in [from, to], the most recent first. */
    public Optional<Lead> findOpenedBetween(String businessId, String phone, Instant from, Instant to) {
        return find("businessId = ?1 and phone = ?2 and missedAt >= ?3 and missedAt <= ?4 order by missedAt desc",
                businessId, phone, from, to).firstResultOptional();
    }

    /** The caller's most recent lead at the business. */
    public Optional<Lead> latest(String businessId, String phone) {
        return find("businessId = ?1 and phone = ?2 order by missedAt desc", businessId, phone).firstResultOptional();
    }

    public Optional<Lead> byCall(String callId) {
        return find("callId", callId).firstResultOptional();
    }

    public List<Lead> allOf(String businessId, String phone) {
        return list("businessId = ?1 and phone = ?2 order by missedAt desc", businessId, phone);
    }
}
