package dev.textback.ingest.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.textback.crm.events.BusinessProfile;

/**
 * Called number to business, kept in memory from the compacted businesses topic. A number that
 * moves to another business, or a business that is deleted, takes effect without a restart.
 */
@ApplicationScoped
public class RoutingTable {
    private final Map<String, BusinessRoute> byNumber = new ConcurrentHashMap<>();
    private final Map<String, List<String>> numbersByBusiness = new ConcurrentHashMap<>();
    private final Map<String, Long> revisions = new ConcurrentHashMap<>();

    public Optional<BusinessRoute> route(String calledE164) {
        return Optional.ofNullable(byNumber.get(calledE164));
    }

    /** Applies a snapshot; an older revision than the one already applied is ignored. */
    public synchronized void apply(BusinessProfile profile) {
        Long known = revisions.get(profile.businessId());
        if (known != null && known > profile.revision()) {
            return;
        }
        remove(profile.businessId());
        revisions.put(profile.businessId(), profile.revision());
        List<String> numbers = profile.numbers() == null ? List.of() : List.copyOf(profile.numbers());
        int ring = profile.ringTimeoutSeconds() == null ? BusinessProfile.DEFAULT_RING_TIMEOUT_SECONDS
                : profile.ringTimeoutSeconds();
        BusinessRoute route = new BusinessRoute(profile.businessId(), profile.country(), profile.enabled(),
                profile.forwardTo(), ring);
        numbers.forEach(n -> byNumber.put(n, route));
        numbersByBusiness.put(profile.businessId(), numbers);
    }

    /** A tombstone: the business is gone, its numbers route nowhere. */
    public synchronized void remove(String businessId) {
        List<String> old = numbersByBusiness.remove(businessId);
        if (old != null) {
            // only where the number still routes here: it may already have moved to another business
            old.forEach(n -> byNumber.computeIfPresent(n, (k, r) -> r.businessId().equals(businessId) ? null : r));
        }
    }

    public int size() {
        return byNumber.size();
    }
}
