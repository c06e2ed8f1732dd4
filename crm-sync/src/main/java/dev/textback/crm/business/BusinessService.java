package dev.textback.crm.business;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import dev.textback.crm.booking.WebhookSecrets;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.outbox.Outbox;
import dev.textback.crm.web.FieldError;
import dev.textback.crm.web.ProblemException;

/**
 * Creates, replaces and deletes businesses. Each change and its BusinessProfile snapshot (or
 * tombstone) go into one transaction through the outbox, so the compacted topic never disagrees with
 * the table for longer than the relay's next tick.
 */
@ApplicationScoped
public class BusinessService {
    private static final Logger LOG = Logger.getLogger(BusinessService.class);

    @Inject
    BusinessRepository businesses;
    @Inject
    Outbox outbox;
    @Inject
    WebhookSecrets webhookSecrets;

    @Transactional
    public BusinessProfile create(BusinessRequest request) {
        BusinessSettings s = BusinessValidator.validate(request).orThrow();
        String id = s.businessId() != null ? s.businessId() : UUID.randomUUID().toString();
        if (businesses.findById(id) != null) {
            throw ProblemException.conflict("duplicate-business", "Business '" + id + "' already exists");
        }
        rejectTakenNumbers(s, id);
        Instant now = now();
        BusinessEntity b = new BusinessEntity();
        b.id = id;
        b.createdAt = now;
        apply(b, s);
        b.revision = 1;
        b.updatedAt = now;
        businesses.persist(b);
        flush(s);
        webhookSecrets.ensure(id); // booking tools sign with it; never part of the published profile
        publish(b);
        LOG.infof("business %s created (%d numbers)", id, b.numbers.size());
        return BusinessProfiles.of(b);
    }

    @Transactional
    public BusinessProfile replace(String id, BusinessRequest request) {
        BusinessEntity b = find(id);
        BusinessSettings s = BusinessValidator.validate(request).orThrow();
        if (s.businessId() != null && !s.businessId().equals(id)) {
            throw ProblemException.invalid("businessId", "must be absent or equal to the id in the path");
        }
        rejectTakenNumbers(s, id);
        // Clear and flush the collections first so moving a number between positions is a delete then
        // an insert, never a transient duplicate against the unique constraint.
        b.numbers.clear();
        b.templates.clear();
        b.hours.clear();
        b.followUps.clear();
        businesses.flush();
        apply(b, s);
        b.revision += 1;
        b.updatedAt = now();
        flush(s);
        publish(b);
        LOG.infof("business %s replaced, revision %d", id, b.revision);
        return BusinessProfiles.of(b);
    }

    @Transactional
    public void delete(String id) {
        BusinessEntity b = find(id);
        long tombstoneRevision = b.revision + 1;
        businesses.delete(b);
        outbox.add(BusinessTopic.NAME, id, BusinessProfiles.tombstoneId(id, tombstoneRevision),
                BusinessTopic.BUSINESS_PROFILE, id, null);
        LOG.infof("business %s deleted", id);
    }

    @Transactional
    public BusinessProfile get(String id) {
        return BusinessProfiles.of(find(id));
    }

    @Transactional
    public List<BusinessProfile> list() {
        return businesses.listAllById().stream().map(BusinessProfiles::of).toList();
    }

    /** For other features: the business, or a 404 problem. Call inside a transaction. */
    public BusinessEntity find(String id) {
        return Optional.ofNullable(id == null ? null : businesses.findById(id))
                .orElseThrow(() -> ProblemException.notFound("Business", id));
    }

    private void rejectTakenNumbers(BusinessSettings s, String ownerId) {
        String taken = businesses.firstNumberTakenByOthers(s.numbers(), ownerId);
        if (taken != null) {
            throw ProblemException.conflict("number-taken",
                    "Number " + taken + " already belongs to another business");
        }
    }

    /** Turns a unique-constraint race (two requests claiming the same id or number) into a 409. */
    private void flush(BusinessSettings s) {
        try {
            businesses.flush();
        } catch (ConstraintViolationException e) {
            String constraint = e.getConstraintName() == null ? "" : e.getConstraintName();
            if (constraint.contains("number")) {
                throw ProblemException.conflict("number-taken",
                        "One of the numbers " + s.numbers() + " already belongs to another business");
            }
            throw ProblemException.conflict("duplicate-business", "Business already exists");
        }
    }

    private void publish(BusinessEntity b) {
        outbox.add(BusinessTopic.NAME, b.id, BusinessProfiles.eventId(b.id, b.revision),
                BusinessTopic.BUSINESS_PROFILE, b.id, BusinessProfiles.of(b));
    }

    private static void apply(BusinessEntity b, BusinessSettings s) {
        b.name = s.name();
        b.country = s.country();
        b.timeZone = s.timeZone();
        b.forwardTo = s.forwardTo();
        b.enabled = s.enabled();
        b.dedupeWindowHours = s.dedupeWindowHours();
        b.attributionWindowDays = s.attributionWindowDays();
        b.averageClientValue = s.averageClientValue();
        b.monthlyCost = s.monthlyCost();
        b.currency = s.currency();
        b.numbers.addAll(s.numbers());
        s.templates().forEach(t -> b.templates.add(new BusinessEntity.Template(t.variant(), t.body(), t.weight())));
        s.hours().forEach(h -> b.hours.add(new BusinessEntity.Hours(h.day(), h.opens(), h.closes())));
        s.followUps().forEach(f -> b.followUps.add(new BusinessEntity.FollowUp(f.step(), f.delayMinutes(), f.body())));
        b.textingWindowStart = s.textingWindow() == null ? null : s.textingWindow().start();
        b.textingWindowEnd = s.textingWindow() == null ? null : s.textingWindow().end();
        b.ringTimeoutSeconds = s.ringTimeoutSeconds();
        b.bookingLink = s.bookingLink();
    }

    /** Microseconds: what timestamptz keeps, so the published snapshot equals what a re-read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
