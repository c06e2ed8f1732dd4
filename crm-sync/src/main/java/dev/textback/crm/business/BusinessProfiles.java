package dev.textback.crm.business;

import java.util.List;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.outbox.EventIds;
import dev.textback.crm.web.Money;

/** Entity to contract mapping, and the deterministic event ids of the businesses stream. */
public final class BusinessProfiles {
    private BusinessProfiles() {
    }

    public static BusinessProfile of(BusinessEntity b) {
        List<TextTemplate> templates = b.templates.stream()
                .map(t -> new TextTemplate(t.variant, t.body, t.weight))
                .toList();
        return new BusinessProfile(b.id, b.name, b.country, b.timeZone, List.copyOf(b.numbers), b.forwardTo,
                b.enabled, templates, b.dedupeWindowHours, Money.normalize(b.averageClientValue),
                Money.normalize(b.monthlyCost), b.currency, b.attributionWindowDays, b.revision, b.updatedAt);
    }

    /** Same business and revision, same id: a relay that publishes twice is absorbed downstream. */
    public static String eventId(String businessId, long revision) {
        return EventIds.of("business-profile", businessId, Long.toString(revision));
    }

    public static String tombstoneId(String businessId, long revision) {
        return EventIds.of("business-deleted", businessId, Long.toString(revision));
    }
}
