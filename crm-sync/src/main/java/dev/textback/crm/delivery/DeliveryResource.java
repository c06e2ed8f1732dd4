package dev.textback.crm.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.textback.crm.business.BusinessService;
import dev.textback.crm.contact.ContactResource;
import dev.textback.crm.web.ProblemException;

/** What could not (yet) be delivered to external CRMs, and a way to try a parked delivery again. */
@Path("/api/businesses/{businessId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    @Inject
    BusinessService businesses;
    @Inject
    EntityManager em;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(long id, String connector, String kind, String status, int attempts,
            Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {
        static DeliveryView of(DeliveryEntity d) {
            return new DeliveryView(d.id, d.connector, d.kind, d.status, d.attempts,
                    DeliveryEntity.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.lastError, d.createdAt,
                    d.deliveredAt);
        }
    }

    /** Newest first. {@code status}: {@code undelivered} (default: PENDING and FAILED), {@code pending}, {@code failed}, {@code delivered}. */
    @GET
    @Transactional
    public List<DeliveryView> list(@PathParam("businessId") String businessId,
            @QueryParam("status") @DefaultValue("undelivered") String status,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        businesses.find(businessId);
        List<String> statuses = switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "undelivered" -> List.of(DeliveryEntity.PENDING, DeliveryEntity.FAILED);
            case "pending" -> List.of(DeliveryEntity.PENDING);
            case "failed" -> List.of(DeliveryEntity.FAILED);
            case "delivered" -> List.of(DeliveryEntity.DELIVERED);
            default -> throw ProblemException.invalid("status", "must be undelivered, pending, failed or delivered");
        };
        return em.createQuery("from DeliveryEntity where businessId = :b and status in :s order by id desc",
                DeliveryEntity.class)
                .setParameter("b", businessId).setParameter("s", statuses)
                .setMaxResults(ContactResource.limit(limit))
                .getResultList().stream().map(DeliveryView::of).toList();
    }

    /** A FAILED delivery goes back to PENDING with a fresh series of attempts. */
    @POST
    @Path("/{deliveryId}/retry")
    @Transactional
    public DeliveryView retry(@PathParam("businessId") String businessId, @PathParam("deliveryId") long deliveryId) {
        businesses.find(businessId);
        DeliveryEntity d = em.find(DeliveryEntity.class, deliveryId);
        if (d == null || !d.businessId.equals(businessId)) {
            throw ProblemException.notFound("Delivery", Long.toString(deliveryId));
        }
        if (DeliveryEntity.FAILED.equals(d.status)) {
            d.status = DeliveryEntity.PENDING;
            d.attempts = 0;
            d.nextAttemptAt = Instant.now();
        }
        return DeliveryView.of(d);
    }
}
