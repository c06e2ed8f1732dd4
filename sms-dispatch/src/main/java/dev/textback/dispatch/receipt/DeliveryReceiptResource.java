package dev.textback.dispatch.receipt;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.web.Problem;
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

/**
 * Vonage SMS API delivery receipts, as GET query, form POST or JSON POST (whichever the account is
 * set to). Answered 200 once applied (or deliberately ignored), so Vonage stops retrying.
 */
@jakarta.inject.Singleton
@Path("/webhooks/vonage/sms/receipt")
public class DeliveryReceiptResource {
    private static final Logger LOG = Logger.getLogger(DeliveryReceiptResource.class);

    @Inject
    ReceiptHandler handler;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry meters;
    @Inject
    WebhookAuth auth;

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
        return apply(DeliveryReceipt.parse(fields));
    }

    /** Shared with the Messages API status webhook. */
    public Response apply(DeliveryReceipt receipt) {
        ReceiptHandler.Outcome outcome = handler.handle(receipt);
        meters.counter("textback.receipts", "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == ReceiptHandler.Outcome.UNKNOWN_TEXT) {
            LOG.infof("receipt %s (%s) to %s matches no text", receipt.messageId(), receipt.rawStatus(),
                    PhoneNumbers.mask(receipt.msisdn()));
        }
        if (outcome == ReceiptHandler.Outcome.NOT_READY) {
            return Response.fromResponse(Problem.of("text-still-sending", "Text still being sent", 503,
                    "The text this receipt is about is still being submitted; retry shortly.").toResponse())
                    .header("Retry-After", "5").build();
        }
        return Response.ok().build();
    }
}
