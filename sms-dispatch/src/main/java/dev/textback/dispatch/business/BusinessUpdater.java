package dev.textback.dispatch.business;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Applies business snapshots and tombstones to the local copy. */
@ApplicationScoped
public class BusinessUpdater {
    private static final Logger LOG = Logger.getLogger(BusinessUpdater.class);

    @Inject
    BusinessRepository repository;
    @Inject
    Templates templates;

    /**
     * Stores the snapshot unless a newer revision is already stored (the compacted topic can replay
     * old records, and a rebalance can redeliver). Returns false when the snapshot was stale.
     */
    @Transactional
    public boolean apply(BusinessProfile profile) {
        Business b = repository.findById(profile.businessId(), LockModeType.PESSIMISTIC_WRITE);
        if (b != null && profile.revision() < b.revision) {
            LOG.debugf("business %s: ignoring revision %d, have %d", profile.businessId(), profile.revision(), b.revision);
            return false;
        }
        boolean created = b == null;
        if (created) {
            b = new Business();
            b.id = profile.businessId();
        }
        b.name = profile.name();
        b.timeZone = profile.timeZone() == null ? "UTC" : profile.timeZone();
        b.enabled = profile.enabled();
        b.deleted = false;
        b.dedupeWindowHours = Math.max(0, profile.dedupeWindowHours());
        b.templatesJson = templates.toJson(profile.templates());
        // added after the first release: older snapshots carry none of these (null)
        b.textingWindowStart = profile.textingWindow() == null ? null : profile.textingWindow().start();
        b.textingWindowEnd = profile.textingWindow() == null ? null : profile.textingWindow().end();
        b.followUpsJson = templates.followUpsToJson(profile.followUps());
        b.bookingLink = profile.bookingLink() == null || profile.bookingLink().isBlank() ? null : profile.bookingLink();
        b.revision = profile.revision();
        b.updatedAt = profile.updatedAt() == null ? Instant.now() : profile.updatedAt();
        if (created) {
            repository.persist(b);
        }
        repository.flush();
        repository.replaceNumbers(b.id, normalized(profile.numbers()));
        return true;
    }

    /** A tombstone: the business is deleted; keep the row (leads refer to it) but release its numbers. */
    @Transactional
    public void delete(String businessId) {
        Business b = repository.findById(businessId, LockModeType.PESSIMISTIC_WRITE);
        if (b == null) {
            return;
        }
        b.deleted = true;
        b.enabled = false;
        b.updatedAt = Instant.now();
        repository.replaceNumbers(businessId, List.of());
    }

    private static List<String> normalized(List<String> numbers) {
        List<String> out = new ArrayList<>();
        if (numbers != null) {
            for (String n : numbers) {
                PhoneNumbers.toE164(n).filter(e -> !out.contains(e)).ifPresent(out::add);
            }
        }
        return out;
    }
}
