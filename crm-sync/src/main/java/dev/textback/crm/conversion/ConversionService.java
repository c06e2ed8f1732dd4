package dev.textback.crm.conversion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import dev.textback.crm.attribution.Attribution;
import dev.textback.crm.attribution.MissedCallRepository;
import dev.textback.crm.business.BusinessEntity;
import dev.textback.crm.business.BusinessService;
import dev.textback.crm.contact.ContactEntity;
import dev.textback.crm.contact.ContactService;
import dev.textback.crm.delivery.CrmUpdate;
import dev.textback.crm.delivery.DeliveryQueue;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import dev.textback.crm.outbox.EventIds;
import dev.textback.crm.outbox.Outbox;
import dev.textback.crm.phone.PhoneNumbers;
import dev.textback.crm.web.Money;
import dev.textback.crm.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records conversions, attributes them to the missed call that started the conversation, and
 * publishes ConversionRecorded through the outbox in the same transaction.
 */
@ApplicationScoped
public class ConversionService {
    private static final Logger LOG = Logger.getLogger(ConversionService.class);

    @Inject
    BusinessService businesses;
    @Inject
    ContactService contacts;
    @Inject
    MissedCallRepository missedCalls;
    @Inject
    ConversionRepository conversions;
    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry meters;
    @Inject
    DeliveryQueue deliveries;

    /** What {@link #record} did: {@code created} false means the externalId was seen before. */
    public record Outcome(ConversionRecorded conversion, boolean created) {
    }

    /** Thrown when a concurrent request inserted the same externalId first; the caller retries once. */
    public static class ConcurrentDuplicate extends RuntimeException {
        ConcurrentDuplicate() {
            super(null, null, false, false);
        }
    }

    @Transactional
    public Outcome record(String businessId, ConversionRequest request) {
        BusinessEntity business = businesses.find(businessId);
        ConversionValidator.Normalized r = ConversionValidator.validate(request, business.country).orThrow();

        if (r.externalId() != null) {
            ConversionEntity existing = conversions.findByExternalId(businessId, r.externalId());
            if (existing != null) {
                // Recorded once. A value that arrives later under the same key (the invoice after the
                // booking) is a value change: a new revision, published; the same value is a no-op.
                if (r.value() != null) {
                    applyValue(existing, r.value(), r.currency());
                }
                return new Outcome(view(existing), false);
            }
        }

        String phone = r.phone();
        String contactId;
        Instant now = now();
        Instant occurredAt = r.occurredAt() == null ? now : r.occurredAt().truncatedTo(ChronoUnit.MICROS);
        if (r.contactId() != null) {
            ContactEntity contact = contacts.find(businessId, r.contactId());
            if (contact == null) {
                throw ProblemException.invalid("contactId", "no such contact at this business");
            }
            if (phone != null && !phone.equals(contact.phone)) {
                throw ProblemException.invalid("phone", "does not match the contact's phone");
            }
            phone = contact.phone;
            contactId = contact.id;
        } else {
            contactId = contacts.touch(businessId, phone, occurredAt);
        }

        Attribution.Result attribution = Attribution.attribute(
                missedCalls.between(businessId, phone,
                        Attribution.windowStart(occurredAt, business.attributionWindowDays), occurredAt),
                occurredAt, business.attributionWindowDays);
        ConversionValue value = ConversionValue.resolve(r.value(), business.averageClientValue);

        ConversionEntity c = new ConversionEntity();
        c.id = r.externalId() != null ? EventIds.of("conversion", businessId, r.externalId())
                : UUID.randomUUID().toString();
        c.businessId = businessId;
        c.contactId = contactId;
        c.phone = phone;
        c.type = r.type();
        c.value = value.value();
        // An estimate is the business's average, so it is in the business's currency whatever was asked.
        c.currency = value.estimated() || r.currency() == null ? business.currency : r.currency();
        c.estimated = value.estimated();
        c.occurredAt = occurredAt;
        c.leadCallId = attribution.leadCallId();
        c.recovered = attribution.recovered();
        c.externalId = r.externalId();
        c.revision = 1;
        c.recordedAt = now;
        c.updatedAt = now;
        conversions.persist(c);
        try {
            conversions.flush();
        } catch (ConstraintViolationException e) {
            throw new ConcurrentDuplicate();
        }
        contacts.record(businessId, phone, contactId, occurredAt, "conversion", c.id,
                c.type + " " + Money.normalize(c.value).toPlainString() + " " + c.currency
                        + (c.estimated ? " (estimated)" : ""));
        publish(c);
        meters.counter("textback.crm.conversions", "recovered", Boolean.toString(c.recovered), "estimated",
                Boolean.toString(c.estimated)).increment();
        LOG.infof("conversion %s (%s) for %s at %s: lead %s", c.id, c.type, PhoneNumbers.mask(phone), businessId,
                c.leadCallId);
        return new Outcome(view(c), true);
    }

    @Transactional
    public ConversionRecorded changeValue(String businessId, String conversionId, ValuePatch request) {
        businesses.find(businessId);
        ConversionEntity c = conversions.findInBusiness(businessId, conversionId);
        if (c == null) {
            throw ProblemException.notFound("Conversion", conversionId);
        }
        ValuePatch patch = ConversionValidator.validate(request).orThrow();
        applyValue(c, patch.value(), patch.currency());
        return view(c);
    }

    /**
     * The real value arrived (or changed): a new revision, on the contact's timeline and published,
     * so revenue follows. An unchanged value changes nothing and publishes nothing.
     */
    private void applyValue(ConversionEntity c, BigDecimal value, String requestedCurrency) {
        String currency = requestedCurrency == null ? c.currency : requestedCurrency;
        if (!c.estimated && c.value.compareTo(value) == 0 && c.currency.equals(currency)) {
            return;
        }
        BigDecimal before = Money.normalize(c.value);
        c.value = value;
        c.currency = currency;
        c.estimated = false;
        c.revision += 1;
        c.updatedAt = now();
        if (c.contactId != null) {
            contacts.record(c.businessId, c.phone, c.contactId, c.updatedAt, "conversion.value-changed", c.id,
                    before.toPlainString() + " -> " + Money.normalize(value).toPlainString() + " " + currency);
        }
        publish(c);
        LOG.infof("conversion %s of %s: value %s -> %s %s (revision %d)", c.id, c.businessId, before,
                Money.normalize(value), currency, c.revision);
    }

    @Transactional
    public ConversionRecorded get(String businessId, String conversionId) {
        businesses.find(businessId);
        ConversionEntity c = conversions.findInBusiness(businessId, conversionId);
        if (c == null) {
            throw ProblemException.notFound("Conversion", conversionId);
        }
        return view(c);
    }

    @Transactional
    public List<ConversionRecorded> list(String businessId, int limit) {
        businesses.find(businessId);
        return conversions.newestFirst(businessId, limit).stream().map(ConversionService::view).toList();
    }

    private void publish(ConversionEntity c) {
        ConversionRecorded event = view(c);
        outbox.add(CrmTopic.NAME, CrmTopic.key(c.businessId, c.phone),
                EventIds.of("conversion-recorded", c.id, Integer.toString(c.revision)),
                CrmTopic.CONVERSION_RECORDED, c.id, event);
        deliveries.enqueue("conversion:" + c.id + ":" + c.revision, CrmUpdate.conversion(event));
    }

    /** The contract record; {@code recordedAt} is when this revision was recorded. */
    static ConversionRecorded view(ConversionEntity c) {
        BigDecimal value = Money.normalize(c.value);
        return new ConversionRecorded(c.id, c.businessId, c.contactId, c.phone, c.type, value, c.currency,
                c.estimated, c.occurredAt, c.leadCallId, c.recovered, c.externalId, c.revision, c.updatedAt);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
