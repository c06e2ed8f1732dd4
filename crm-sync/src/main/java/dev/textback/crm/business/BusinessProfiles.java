package dev.textback.crm.business;

import java.util.List;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.OpeningHours;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.events.TextingWindow;
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
        List<OpeningHours> hours = b.hours.stream().map(h -> new OpeningHours(h.day, h.opens, h.closes)).toList();
        List<FollowUpStep> followUps = b.followUps.stream()
                .map(f -> new FollowUpStep(f.step, f.delayMinutes, f.body))
                .toList();
        TextingWindow window = b.textingWindowStart == null || b.textingWindowEnd == null ? null
                : new TextingWindow(b.textingWindowStart, b.textingWindowEnd);
        return new BusinessProfile(b.id, b.name, b.country, b.timeZone, List.copyOf(b.numbers), b.forwardTo,
                b.enabled, templates, b.dedupeWindowHours, Money.normalize(b.averageClientValue),
                Money.normalize(b.monthlyCost), b.currency, b.attributionWindowDays, b.revision, b.updatedAt,
                hours, window, followUps, b.ringTimeoutSeconds, b.bookingLink);
    }

    /** Same business and revision, same id: a relay that publishes twice is absorbed downstream. */
    public static String eventId(String businessId, long revision) {
        return EventIds.of("business-profile", businessId, Long.toString(revision));
    }

    public static String tombstoneId(String businessId, long revision) {
        return EventIds.of("business-deleted", businessId, Long.toString(revision));
    }
}
