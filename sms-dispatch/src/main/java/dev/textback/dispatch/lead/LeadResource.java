package dev.textback.dispatch.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.textback.dispatch.optout.OptOutRepository;
import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.sending.OutboundText;
import dev.textback.dispatch.sending.OutboundTextRepository;
import dev.textback.dispatch.web.Problem;
import dev.textback.dispatch.web.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operators' (and tests') view of one caller at one business: leads, their calls and texts. */
@Path("/api/businesses/{businessId}/leads/{phone}")
@Produces(MediaType.APPLICATION_JSON)
public class LeadResource {

    public record CallerView(String businessId, String phone, boolean optedOut, List<LeadView> leads) {
    }

    public record LeadView(String leadId, String callId, Instant missedAt, Instant lastMissedAt, int missedCalls,
            Instant repliedAt, List<CallView> calls, List<TextView> texts) {
    }

    public record CallView(String callId, Instant endedAt, String decision) {
    }

    public record TextView(String textId, int step, String state, String variant, String body, int segments,
            int attempts, String providerMessageId, BigDecimal price, String currency, String errorCode,
            String deliveryStatus, Instant acceptedAt, BigDecimal estimatedCost, Instant nextAttemptAt,
            Instant deferredUntil) {
    }

    @Inject
    LeadRepository leads;
    @Inject
    MissedCallRepository calls;
    @Inject
    OutboundTextRepository texts;
    @Inject
    OptOutRepository optOuts;

    @GET
    public CallerView get(@PathParam("businessId") String businessId, @PathParam("phone") String phone) {
        String e164 = PhoneNumbers.toE164(phone).orElseThrow(() -> ProblemException.badRequest(
                "The phone number is not valid.", List.of(new Problem.FieldError("phone", "is not a phone number"))));
        List<Lead> found = leads.allOf(businessId, e164);
        if (found.isEmpty()) {
            throw ProblemException.notFound("No leads for that caller at business " + businessId + ".");
        }
        List<String> ids = found.stream().map(l -> l.id).toList();
        Map<String, List<CallView>> callsByLead = calls.ofLeads(ids).stream().collect(Collectors.groupingBy(
                c -> c.leadId, Collectors.mapping(c -> new CallView(c.callId, c.endedAt, c.decision), Collectors.toList())));
        Map<String, List<TextView>> textsByLead = texts.ofLeads(ids).stream()
                .collect(Collectors.groupingBy(t -> t.leadId, Collectors.mapping(LeadResource::view, Collectors.toList())));
        List<LeadView> views = found.stream()
                .map(l -> new LeadView(l.id, l.callId, l.missedAt, l.lastMissedAt, l.missedCalls, l.repliedAt,
                        callsByLead.getOrDefault(l.id, List.of()), textsByLead.getOrDefault(l.id, List.of())))
                .toList();
        return new CallerView(businessId, e164, optOuts.isOptedOut(businessId, e164), views);
    }

    private static TextView view(OutboundText t) {
        return new TextView(t.id.toString(), t.step, t.state.name(), t.variant, t.body, t.segments, t.attempts,
                t.providerMessageId, t.price, t.currency, t.errorCode, t.deliveryStatus, t.acceptedAt, t.estimatedCost,
                t.nextAttemptAt, t.deferredUntil);
    }
}
