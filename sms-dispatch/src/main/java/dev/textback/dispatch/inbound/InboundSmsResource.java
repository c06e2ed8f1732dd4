package dev.textback.dispatch.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.webhook.WebhookAuth;
import dev.textback.dispatch.webhook.WebhookFields;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

/** Vonage SMS API inbound messages, as GET query, form POST or JSON POST. */
@jakarta.inject.Singleton
@Path("/webhooks/vonage/sms/inbound")
public class InboundSmsResource {
    private static final Logger LOG = Logger.getLogger(InboundSmsResource.class);

    @Inject
    InboundHandler handler;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry meters;
    @Inject
    WebhookAuth auth;
    @Inject
    InboundParts parts;

    @GET
    public Response get(@Context UriInfo uri) {
        return handle(WebhookFields.of(uri.getQueryParameters()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(MultivaluedMap<String, String> form) {
        return handle(WebhookFields.of(form));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(String body) {
        return handle(WebhookFields.ofJson(mapper, body));
    }

    private Response handle(WebhookFields fields) {
        auth.checkSms(fields.all());
        InboundSms sms = InboundSms.parse(fields);
        if ("true".equalsIgnoreCase(fields.optional("concat"))) {
            InboundPart part = InboundPart.parse(sms, fields);
            return count(sms, parts.receive(part));
        }
        return apply(sms);
    }

    /** Shared with the Messages API inbound webhook. */
    public Response apply(InboundSms sms) {
        return count(sms, handler.handle(sms));
    }

    private Response count(InboundSms sms, InboundHandler.Outcome outcome) {
        meters.counter("textback.inbound.messages", "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == InboundHandler.Outcome.UNKNOWN_BUSINESS) {
            LOG.infof("inbound SMS %s to %s: no business has that number", sms.messageId(), sms.to());
        } else {
            LOG.debugf("inbound SMS %s from %s: %s", sms.messageId(), PhoneNumbers.mask(sms.from()), outcome);
        }
        return Response.ok().build();
    }
}
