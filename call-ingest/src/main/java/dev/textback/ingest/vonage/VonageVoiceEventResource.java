package dev.textback.ingest.vonage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.ingest.phone.PhoneNumbers;
import dev.textback.ingest.publish.CallPublisher;
import dev.textback.ingest.routing.BusinessRoute;
import dev.textback.ingest.routing.RoutingTable;
import dev.textback.ingest.web.Problem;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Vonage Voice event webhook. A final status becomes one CallEnded on the calls topic; the answer is
 * 200 only after the broker acknowledged it, 202 when there was nothing to record.
 */
@Path("/webhooks/vonage/voice/event")
public class VonageVoiceEventResource {
    private static final Logger LOG = Logger.getLogger(VonageVoiceEventResource.class);

    private final ObjectMapper mapper;
    private final RoutingTable routing;
    private final CallPublisher publisher;
    private final MeterRegistry meters;
    private final String defaultRegion;

    VonageVoiceEventResource(ObjectMapper mapper, RoutingTable routing, CallPublisher publisher, MeterRegistry meters,
            @ConfigProperty(name = "textback.phone.default-region") String defaultRegion) {
        this.mapper = mapper;
        this.routing = routing;
        this.publisher = publisher;
        this.meters = meters;
        this.defaultRegion = defaultRegion;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response onEvent(String body) {
        VonageVoiceEvent event;
        try {
            JsonNode json = mapper.readTree(body == null ? "" : body);
            event = VonageVoiceEvent.from(json);
        } catch (JsonProcessingException e) {
            return Problem.response(400, "malformed-json", "Malformed JSON", "The body is not valid JSON.");
        } catch (IllegalArgumentException e) {
            return Problem.response(400, "invalid-webhook", "Invalid Vonage event", e.getMessage(),
                    List.of(e.getMessage()));
        }
        if (event.status() == null || event.callId() == null || event.to() == null) {
            return Problem.response(400, "invalid-webhook", "Invalid Vonage event",
                    "status, uuid and to are required", List.of("status", "uuid", "to"));
        }
        Optional<CallOutcome> outcome = VonageCallStatus.outcome(event.status(), event.durationSeconds());
        if (outcome.isEmpty()) {
            count("in-progress-or-unknown-status");
            return accepted("not a final status");
        }
        Optional<BusinessRoute> route = PhoneNumbers.toE164(event.to(), defaultRegion).flatMap(routing::route);
        if (route.isEmpty()) {
            count("unknown-number");
            LOG.infof("call to unrouted number %s ignored", PhoneNumbers.mask(event.to()));
            return accepted("no business owns the called number");
        }
        BusinessRoute business = route.get();
        String region = business.country() == null ? defaultRegion : business.country();
        Optional<String> caller = PhoneNumbers.toE164(event.from(), region);
        CallEnded call = new CallEnded(event.callId(), "vonage", business.businessId(), caller.orElse(null),
                caller.isPresent(), PhoneNumbers.toE164(event.to(), region).orElseThrow(), outcome.get(),
                event.status().trim().toLowerCase(java.util.Locale.ROOT), event.startTime(), event.endedAt(),
                event.durationSeconds() == null ? 0 : event.durationSeconds());
        String id = publisher.publish(call);
        count("published");
        LOG.debugf("call %s from %s to business %s: %s", id, PhoneNumbers.mask(call.caller()), call.businessId(),
                call.outcome());
        return Response.ok(Map.of("eventId", id, "outcome", call.outcome().name())).build();
    }

    private Response accepted(String why) {
        return Response.accepted(Map.of("ignored", why)).type(MediaType.APPLICATION_JSON).build();
    }

    private void count(String result) {
        meters.counter("textback.webhooks.calls", "provider", "vonage", "result", result).increment();
    }
}
