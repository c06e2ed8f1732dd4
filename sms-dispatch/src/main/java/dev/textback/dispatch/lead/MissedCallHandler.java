package dev.textback.dispatch.lead;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.textback.calls.events.CallEnded;
import dev.textback.crm.events.TextTemplate;
import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.business.BusinessRepository;
import dev.textback.dispatch.business.Templates;
import dev.textback.dispatch.clock.DispatchClock;
import dev.textback.dispatch.compose.VariantChooser;
import dev.textback.dispatch.events.TextEvents;
import dev.textback.dispatch.inbound.InboundMessageRepository;
import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.dispatch.outbox.ProcessedEvents;
import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.sending.TextQueued;
import dev.textback.dispatch.sequence.TextPlanner;
import dev.textback.texts.events.SuppressionReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Decides what a missed call leads to: a suppression (with its reason) or a new lead with a
 * pending first text (deferred to the recipient's next allowed time in quiet hours). The processed-event mark, the decision, the lead, the text row and the
 * outbox event commit together or not at all.
 */
@ApplicationScoped
public class MissedCallHandler {
    @Inject
    DispatchClock clock;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    BusinessRepository businesses;
    @Inject
    Templates templates;
    @Inject
    LeadRepository leads;
    @Inject
    MissedCallRepository missedCalls;
    @Inject
    OptOutRepository optOuts;
    @Inject
    OutboundTextRepository texts;
    @Inject
    TextEvents events;
    @Inject
    InboundMessageRepository inbound;
    @Inject
    DecisionSettings settings;
    @Inject
    TextPlanner planner;
    @Inject
    Event<TextQueued> queued;

    /** The lead a missed call opens: deterministic, so a replayed call opens the same lead. */
    public static String leadIdFor(String callId) {
        return UUID.nameUUIDFromBytes(("lead:" + callId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The first text of a lead (and later steps): deterministic per (lead, step), like the unique key. */
    public static UUID textIdFor(String leadId, int step) {
        return UUID.nameUUIDFromBytes(("text:" + leadId + ":" + step).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    public CallDecision handle(String eventId, CallEnded call) {
        if (!processedEvents.markProcessed(eventId)) {
            return CallDecision.duplicate();
        }
        if (call.outcome() == null || !call.outcome().isMissed()) {
            return CallDecision.ignored();
        }
        if (call.callId() == null || call.businessId() == null || call.endedAt() == null) {
            throw new IllegalArgumentException("CallEnded without callId, businessId or endedAt");
        }
        if (missedCalls.findByIdOptional(call.callId()).isPresent()) {
            return CallDecision.duplicate(); // same call, republished under another event id
        }
        Instant now = clock.now();
        Optional<String> caller = call.callerReachable() ? PhoneNumbers.toE164(call.caller()) : Optional.empty();
        Business business = businesses.findById(call.businessId());

        if (business == null || business.deleted) {
            return suppress(call, caller.orElse(null), null, SuppressionReason.BUSINESS_UNKNOWN, now);
        }
        List<String> numbers = businesses.numbers(business.id);
        if (!business.enabled || numbers.isEmpty()) {
            return suppress(call, caller.orElse(null), null, SuppressionReason.BUSINESS_DISABLED, now);
        }
        if (caller.isEmpty()) {
            return suppress(call, null, null, SuppressionReason.CALLER_WITHHELD, now);
        }
        String phone = caller.get();
        if (numbers.contains(phone)) {
            return suppress(call, phone, null, SuppressionReason.OWN_NUMBER, now);
        }

        Instant windowStart = call.endedAt().minus(Duration.ofHours(business.dedupeWindowHours));
        Optional<Lead> joinable = business.dedupeWindowHours <= 0 ? Optional.empty()
                : leads.findOpenedBetween(business.id, phone, windowStart, call.endedAt());
        if (joinable.isPresent()) {
            return suppress(call, phone, join(joinable.get(), call), SuppressionReason.DEDUPE_WINDOW, now);
        }
        Instant lastReply = inbound.lastReplyAt(business.id, phone);
        if (lastReply != null && !lastReply.isBefore(call.endedAt().minus(settings.activeConversation()))) {
            // the business is already talking with this caller: an automatic "sorry we missed you" would jar
            Lead latest = leads.latest(business.id, phone).orElse(null);
            return suppress(call, phone, latest == null ? null : join(latest, call),
                    SuppressionReason.ACTIVE_CONVERSATION, now);
        }
        if (call.endedAt().isBefore(now.minus(settings.maxCallAge()))) {
            return suppress(call, phone, null, SuppressionReason.STALE_CALL, now);
        }
        if (PhoneNumbers.isCertainlyLandline(phone)) {
            return suppress(call, phone, null, SuppressionReason.LANDLINE, now);
        }

        Lead lead = openLead(business, phone, call, now);
        if (optOuts.isOptedOut(business.id, phone)) {
            return suppress(call, phone, lead.id, SuppressionReason.OPTED_OUT, now);
        }
        TextTemplate template = VariantChooser.choose(business.id, lead.phone, templates.of(business));
        OutboundText first = planner.plan(business, numbers.get(0), lead, 0, template.body(), template.variant(), now,
                now);
        texts.persist(first);
        record(call, phone, lead.id, MissedCall.TEXTED, now);
        queued.fire(new TextQueued(first.id, first.nextAttemptAt));
        return CallDecision.texted(lead.id, first.deferredUntil);
    }

    /** A repeat call joins an existing lead; returns its id. */
    private static String join(Lead lead, CallEnded call) {
        lead.missedCalls++;
        if (call.endedAt().isAfter(lead.lastMissedAt)) {
            lead.lastMissedAt = call.endedAt();
        }
        return lead.id;
    }

    private Lead openLead(Business business, String phone, CallEnded call, Instant now) {
        Lead lead = new Lead();
        lead.id = leadIdFor(call.callId());
        lead.businessId = business.id;
        lead.phone = phone;
        lead.callId = call.callId();
        lead.missedAt = call.endedAt();
        lead.lastMissedAt = call.endedAt();
        lead.missedCalls = 1;
        lead.createdAt = now;
        leads.persist(lead);
        return lead;
    }

    private CallDecision suppress(CallEnded call, String phone, String leadId, SuppressionReason reason, Instant now) {
        record(call, phone, leadId, reason.name(), now);
        events.suppressed(call.callId(), leadId, call.businessId(), phone, reason, call.endedAt(), now);
        return CallDecision.suppressed(reason, leadId);
    }

    private void record(CallEnded call, String phone, String leadId, String decision, Instant now) {
        MissedCall m = new MissedCall();
        m.callId = call.callId();
        m.businessId = call.businessId();
        m.caller = phone;
        m.leadId = leadId;
        m.endedAt = call.endedAt();
        m.decision = decision;
        m.decidedAt = now;
        missedCalls.persist(m);
    }
}
