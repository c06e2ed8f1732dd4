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

    /**
     * One page of contacts, newest first seen first (ties by id, descending), after {@code cursor}.
     * Keyset pagination: stable while new contacts arrive, and as fast on page 100 as on page 1.
     */
    public List<ContactEntity> page(ContactQuery q, int limit) {
        StringBuilder hql = new StringBuilder("from ContactEntity c where c.businessId = :business");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("business", q.businessId());
        if (q.tag() != null) {
            hql.append(" and exists (select 1 from ContactTagEntity t where t.contactId = c.id and t.tag = :tag)");
            params.put("tag", q.tag());
        }
        if (q.firstSeenFrom() != null) {
            hql.append(" and c.firstSeen >= :from");
            params.put("from", q.firstSeenFrom());
        }
        if (q.firstSeenTo() != null) {
            hql.append(" and c.firstSeen < :to");
            params.put("to", q.firstSeenTo());
        }
        if (q.status() != null) {
            hql.append(switch (q.status()) {
                case OPTED_OUT -> " and c.optedOut = true";
                case ACTIVE -> " and c.optedOut = false";
                case REPLIED -> " and exists (select 1 from ContactEventEntity e where e.contactId = c.id"
                        + " and e.kind = 'reply')";
                case CONVERTED -> " and exists (select 1 from ConversionEntity v where v.contactId = c.id)";
            });
        }
        if (q.after() != null) {
            hql.append(" and (c.firstSeen < :afterSeen or (c.firstSeen = :afterSeen and c.id < :afterId))");
            params.put("afterSeen", q.after().firstSeen());
            params.put("afterId", q.after().id());
        }
        hql.append(" order by c.firstSeen desc, c.id desc");
        var query = getEntityManager().createQuery(hql.toString(), ContactEntity.class).setMaxResults(limit);
        params.forEach(query::setParameter);
        return query.getResultList();
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
