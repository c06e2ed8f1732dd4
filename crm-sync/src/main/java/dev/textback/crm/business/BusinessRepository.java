package dev.textback.crm.business;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<BusinessEntity, String> {

    /** The first of {@code numbers} that already belongs to a business other than {@code ownerId}, or null. */
    public String firstNumberTakenByOthers(Collection<String> numbers, String ownerId) {
        if (numbers.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> taken = getEntityManager()
                .createNativeQuery("select number from business_number where number in (:numbers)"
                        + " and business_id <> :owner")
                .setParameter("numbers", numbers)
                .setParameter("owner", ownerId)
                .getResultList();
        return numbers.stream().filter(taken::contains).findFirst().orElse(null);
    }

    public List<BusinessEntity> listAllById() {
        return list("order by id");
    }
}
