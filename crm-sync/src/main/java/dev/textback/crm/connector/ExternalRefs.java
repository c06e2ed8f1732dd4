package dev.textback.crm.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Our ids to an external CRM's ids (contact -> HubSpot contact, conversion -> HubSpot deal). Each
 * write commits on its own, right after the remote object was created, so a later failure in the
 * same delivery does not make the retry create a duplicate.
 */
@ApplicationScoped
public class ExternalRefs {
    @Inject
    EntityManager em;

    @Transactional
    public String find(String connector, String businessId, String localId) {
        @SuppressWarnings("unchecked")
        var ids = em.createNativeQuery("select remote_id from crm_external_ref"
                + " where connector = :c and business_id = :b and local_id = :l")
                .setParameter("c", connector).setParameter("b", businessId).setParameter("l", localId)
                .getResultList();
        return ids.isEmpty() ? null : (String) ids.get(0);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void save(String connector, String businessId, String localId, String remoteId) {
        em.createNativeQuery("""
                insert into crm_external_ref (connector, business_id, local_id, remote_id) values (:c, :b, :l, :r)
                on conflict (connector, business_id, local_id) do update set remote_id = excluded.remote_id
                """)
                .setParameter("c", connector).setParameter("b", businessId).setParameter("l", localId)
                .setParameter("r", remoteId)
                .executeUpdate();
    }
}
