package dev.textback.metrics.business;

import jakarta.enterprise.context.ApplicationScoped;

import dev.textback.metrics.web.Problem;
import dev.textback.metrics.web.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Reads businesses (the fold writes them with upserts, see {@link BusinessFold}). */
@ApplicationScoped
public class BusinessRepository implements PanacheRepositoryBase<BusinessEntity, String> {

    /** The business, or a 404 problem: reports exist only for businesses whose profile arrived. */
    public BusinessEntity require(String businessId) {
        BusinessEntity business = businessId == null ? null : findById(businessId);
        if (business == null) {
            throw new ProblemException(Problem.notFound("No business " + businessId + " is known to metrics-service"));
        }
        return business;
    }
}
