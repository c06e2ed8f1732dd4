package dev.textback.dispatch.sequence;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.dispatch.business.Business;
import dev.textback.dispatch.compose.MessageComposer;
import dev.textback.dispatch.compose.SegmentCounter;
import dev.textback.dispatch.hours.QuietHours;
import dev.textback.dispatch.lead.Lead;
import dev.textback.dispatch.lead.MissedCallHandler;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.TextState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Builds the row of one lead text (first text or follow-up): rendered body, segments, estimated cost,
 * and the first moment it may go out, which quiet hours may move later (never drop).
 */
@ApplicationScoped
public class TextPlanner {
    @Inject
    QuietHours quietHours;
    @ConfigProperty(name = "textback.vonage.price-per-segment", defaultValue = "0.0079")
    BigDecimal pricePerSegment;

    public OutboundText plan(Business business, String sender, Lead lead, int step, String template, String variant,
            Instant earliest, Instant now) {
        String body = MessageComposer.compose(template, business.name, business.bookingLink, step == 0);
        SegmentCounter.Segments segments = SegmentCounter.count(body);
        OutboundText t = new OutboundText();
        t.id = MissedCallHandler.textIdFor(lead.id, step);
        t.kind = OutboundText.KIND_LEAD;
        t.leadId = lead.id;
        t.businessId = business.id;
        t.step = step;
        t.recipient = lead.phone;
        t.sender = sender;
        t.variant = variant;
        t.body = body;
        t.segments = segments.count();
        t.unicode = segments.unicode();
        t.estimatedCost = pricePerSegment.multiply(BigDecimal.valueOf(segments.count()));
        t.state = TextState.PENDING;
        Instant due = quietHours.nextAllowed(business, lead.phone, earliest);
        t.nextAttemptAt = due;
        t.deferredUntil = due.isAfter(earliest) ? due : null;
        t.createdAt = now;
        t.updatedAt = now;
        return t;
    }
}
