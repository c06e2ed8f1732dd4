package dev.textback.crm.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.textback.crm.delivery.CrmUpdate;
import dev.textback.crm.delivery.DeliveryQueue;
import dev.textback.crm.events.ContactTagged;
import dev.textback.crm.events.CrmTopic;
import dev.textback.crm.outbox.EventIds;
import dev.textback.crm.outbox.Outbox;
import dev.textback.crm.phone.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;

/** Contacts, their tags and timeline. Writes join the caller's transaction (an event or a conversion). */
@ApplicationScoped
public class ContactService {
    /** The tag every caller gets when a missed call makes them a lead. */
    public static final String MISSED_CALL_RECOVERY = "missed-call-recovery";

    private static final Logger LOG = Logger.getLogger(ContactService.class);

    @Inject
    ContactRepository contacts;
    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry meters;
    @Inject
    DeliveryQueue deliveries;

    /** Creates the contact if new and widens its first/last seen; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String touch(String businessId, String phone, Instant at) {
        String id = ContactIds.of(businessId, phone);
        contacts.touch(id, businessId, phone, at);
        return id;
    }

    /**
     * Adds a line to the contact's timeline and, for every external CRM the business connected,
     * queues it as an interaction (conversions are not: they are delivered as deals).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String businessId, String phone, String contactId, Instant at, String kind, String refId,
            String detail) {
        contacts.addEvent(contactId, at, kind, refId, detail);
        if (!kind.startsWith("conversion")) {
            deliveries.enqueue("interaction:" + contactId + ":" + kind + ":" + refId + ":" + at,
                    CrmUpdate.interaction(businessId, contactId, phone, at, kind, detail));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setOptedOut(String contactId, boolean optedOut) {
        contacts.setOptedOut(contactId, optedOut);
    }

    /** Adds the tag once; only the first time publishes ContactTagged (with an id derived from contact + tag). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean tag(String contactId, String businessId, String phone, String tag, Instant at) {
        if (!contacts.addTag(contactId, tag, at)) {
            return false;
        }
        outbox.add(CrmTopic.NAME, CrmTopic.key(businessId, phone), EventIds.of("contact-tagged", contactId, tag),
                CrmTopic.CONTACT_TAGGED, contactId, new ContactTagged(contactId, businessId, phone, tag, at));
        deliveries.enqueue("contact-tagged:" + contactId + ":" + tag,
                CrmUpdate.contact(businessId, contactId, phone, tag, at));
        meters.counter("textback.crm.contacts.tagged", "tag", tag).increment();
        LOG.debugf("contact %s of %s tagged %s", PhoneNumbers.mask(phone), businessId, tag);
        return true;
    }

    /** One page and the cursor of the next one (null on the last page). */
    public record Page(List<ContactView> items, String nextCursor) {
    }

    @Transactional
    public Page list(ContactQuery query, int limit) {
        // One row more than asked tells whether another page exists without a count query.
        List<ContactEntity> found = contacts.page(query, limit + 1);
        boolean more = found.size() > limit;
        List<ContactEntity> page = more ? found.subList(0, limit) : found;
        Map<String, List<String>> tags = contacts.tags(page.stream().map(c -> c.id).toList()).stream()
                .collect(Collectors.groupingBy(t -> t.contactId, Collectors.mapping(t -> t.tag, Collectors.toList())));
        List<ContactView> items = page.stream()
                .map(c -> ContactView.of(c, tags.getOrDefault(c.id, List.of()), null))
                .toList();
        ContactEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new Page(items, more ? new ContactQuery.Cursor(last.firstSeen, last.id).encode() : null);
    }

    /** The contact with its tags and timeline, or null. */
    @Transactional
    public ContactView get(String businessId, String phone) {
        ContactEntity c = contacts.findByPhone(businessId, phone);
        if (c == null) {
            return null;
        }
        List<String> tags = contacts.tags(List.of(c.id)).stream().map(t -> t.tag).toList();
        List<ContactView.TimelineEntry> timeline = contacts.timeline(c.id).stream()
                .map(e -> new ContactView.TimelineEntry(e.at, e.kind, e.refId, e.detail))
                .toList();
        return ContactView.of(c, tags, timeline);
    }

    /** For conversions: the contact with this id at this business, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ContactEntity find(String businessId, String contactId) {
        ContactEntity c = contacts.findById(contactId);
        return c != null && c.businessId.equals(businessId) ? c : null;
    }
}
