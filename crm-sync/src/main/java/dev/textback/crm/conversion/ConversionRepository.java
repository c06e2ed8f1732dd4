package dev.textback.crm.conversion;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConversionRepository implements PanacheRepositoryBase<ConversionEntity, String> {

    public ConversionEntity findByExternalId(String businessId, String externalId) {
        return find("businessId = ?1 and externalId = ?2", businessId, externalId).firstResult();
    }

    public ConversionEntity findInBusiness(String businessId, String conversionId) {
        return find("businessId = ?1 and id = ?2", businessId, conversionId).firstResult();
    }

    public List<ConversionEntity> newestFirst(String businessId, int limit) {
        return find("businessId = ?1 order by recordedAt desc, id", businessId).page(0, limit).list();
    }
}
