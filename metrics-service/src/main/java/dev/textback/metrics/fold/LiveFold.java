package dev.textback.metrics.fold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.textback.metrics.rebuild.SwitchLock;

/** The consumers' way into the fold: the same transaction first waits out a rebuild's schema switch. */
@ApplicationScoped
public class LiveFold {
    @Inject
    EventFold fold;
    @Inject
    SwitchLock lock;

    @Transactional
    public FoldResult apply(String eventId, String type, String body) {
        lock.shared();
        return fold.apply(eventId, type, body);
    }

    @Transactional
    public FoldResult businessDeleted(String eventId, String businessId) {
        lock.shared();
        return fold.businessDeleted(eventId, businessId);
    }
}
