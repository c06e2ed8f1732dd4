package dev.textback.crm.contact;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<ContactEntity, String> {

    /**
     * Inserts the contact or widens its first/last seen range. An upsert, because two consumers
     * (calls and texts) may meet the same new caller at the same moment.
     */
    public void touch(String contactId, String businessId, String phone, Instant at) {
        getEntityManager().createNativeQuery("""
                insert into contact (id, business_id, phone, first_seen, last_seen, opted_out)
                values (:id, :business, :phone, :at, :at, false)
                on conflict (business_id, phone) do update
                   set first_seen = least(contact.first_seen, excluded.first_seen),
                       last_seen = greatest(contact.last_seen, excluded.last_seen)
                """)
                .setParameter("id", contactId)
                .setParameter("business", businessId)
                .setParameter("phone", phone)
                .setParameter("at", at)
                .executeUpdate();
    }

    public void setOptedOut(String contactId, boolean optedOut) {
        update("optedOut = ?1 where id = ?2", optedOut, contactId);
    }

    /** True when the tag is new for this contact (so the caller publishes ContactTagged exactly once). */
    public boolean addTag(String contactId, String tag, Instant at) {
        return getEntityManager().createNativeQuery("""
                insert into contact_tag (contact_id, tag, tagged_at) values (:id, :tag, :at)
                on conflict do nothing
                """)
                .setParameter("id", contactId)
                .setParameter("tag", tag)
                .setParameter("at", at)
                .executeUpdate() == 1;
    }

    public void addEvent(String contactId, Instant at, String kind, String refId, String detail) {
        ContactEventEntity e = new ContactEventEntity();
        e.contactId = contactId;
        e.at = at;
        e.kind = kind;
        e.refId = refId;
        e.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        getEntityManager().persist(e);
    }

    public List<ContactEntity> newestFirst(String businessId, String tag, int limit) {
        if (tag == null) {
            return find("businessId = ?1 order by firstSeen desc, id", businessId).page(0, limit).list();
        }
        return find("""
                from ContactEntity c where c.businessId = ?1
                 and exists (select 1 from ContactTagEntity t where t.contactId = c.id and t.tag = ?2)
                order by c.firstSeen desc, c.id""", businessId, tag).page(0, limit).list();
    }

    public ContactEntity findByPhone(String businessId, String phone) {
        return find("businessId = ?1 and phone = ?2", businessId, phone).firstResult();
    }

    public List<ContactTagEntity> tags(List<String> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager()
                .createQuery("from ContactTagEntity where contactId in :ids order by taggedAt, tag", ContactTagEntity.class)
                .setParameter("ids", contactIds)
                .getResultList();
    }

    public List<ContactEventEntity> timeline(String contactId) {
        return getEntityManager()
                .createQuery("from ContactEventEntity where contactId = :id order by at, id", ContactEventEntity.class)
                .setParameter("id", contactId)
                .getResultList();
    }
}
