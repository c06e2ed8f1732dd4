package dev.textback.dispatch.business;

import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<Business, String> {

    /** The business's numbers in profile order. */
    public List<String> numbers(String businessId) {
        return getEntityManager()
                .createQuery("select n.number from BusinessNumber n where n.businessId = :id order by n.position",
                        String.class)
                .setParameter("id", businessId)
                .getResultList();
    }

    /** The business that owns this number, if any (deleted businesses own none). */
    public Optional<Business> findByNumber(String numberE164) {
        return getEntityManager()
                .createQuery("select b from Business b, BusinessNumber n where n.number = :number "
                        + "and b.id = n.businessId and b.deleted = false", Business.class)
                .setParameter("number", numberE164)
                .getResultStream()
                .findFirst();
    }

    /** Makes these numbers (in this order) the business's numbers; a number another business had moves here. */
    public void replaceNumbers(String businessId, List<String> numbers) {
        var em = getEntityManager();
        em.createNativeQuery("delete from business_number where business_id = :id")
                .setParameter("id", businessId)
                .executeUpdate();
        for (int i = 0; i < numbers.size(); i++) {
            em.createNativeQuery("insert into business_number (number, business_id, position) values (:n, :id, :p) "
                    + "on conflict (number) do update set business_id = excluded.business_id, position = excluded.position")
                    .setParameter("n", numbers.get(i))
                    .setParameter("id", businessId)
                    .setParameter("p", i)
                    .executeUpdate();
        }
    }
}
