package dev.textback.dispatch.sequence;

import java.time.Instant;
import java.util.Optional;

import dev.textback.crm.events.ConversionRecorded;
import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.LeadRepository;
import dev.textback.dispatch.outbox.ProcessedEvents;
import dev.textback.dispatch.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Marks the converted lead (the one crm-sync attributed the conversion to, else the caller's latest
 * lead at the business) and cancels its pending follow-ups, in one transaction with the event id.
 */
@ApplicationScoped
public class ConversionHandler {
    @Inject
    DispatchClock clock;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    LeadRepository leads;
    @Inject
    FollowUpScheduler followUps;

    /** Returns the lead that converted, if one was found. */
    @Transactional
    public Optional<String> handle(String eventId, ConversionRecorded c) {
        if (!processedEvents.markProcessed(eventId) || c.businessId() == null) {
            return Optional.empty();
        }
        Optional<Lead> lead = c.leadCallId() == null ? Optional.empty()
                : leads.byCall(c.leadCallId()).filter(l -> l.businessId.equals(c.businessId()));
        if (lead.isEmpty() && c.phone() != null) {
            lead = PhoneNumbers.toE164(c.phone()).flatMap(p -> leads.latest(c.businessId(), p));
        }
        if (lead.isEmpty()) {
            return Optional.empty();
        }
        Lead l = lead.get();
        Instant now = clock.now();
        if (l.convertedAt == null) {
            l.convertedAt = c.occurredAt() == null ? now : c.occurredAt();
        }
        followUps.stop(l, FollowUpScheduler.CONVERTED, now);
        return Optional.of(l.id);
    }
}
