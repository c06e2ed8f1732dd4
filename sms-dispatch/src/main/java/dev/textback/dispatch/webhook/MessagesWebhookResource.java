package dev.textback.dispatch.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.dispatch.inbound.InboundSms;
import dev.textback.dispatch.inbound.InboundSmsResource;
import dev.textback.dispatch.receipt.DeliveryReceiptResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Vonage Messages API webhooks: message status and inbound messages, JSON POST, signed with a JWT
 * whose {@code payload_hash} covers the raw body. Applied exactly like the SMS API's receipts and
 * inbound messages (same duplicate handling by message id).
 */
@Path("/webhooks/vonage/messages")
public class MessagesWebhookResource {
    @Inject
    ObjectMapper mapper;
    @Inject
    WebhookAuth auth;
    @Inject
    DeliveryReceiptResource receipts;
    @Inject
    InboundSmsResource inbound;

    @POST
    @Path("/status")
    @Consumes(MediaType.WILDCARD)
    public Response status(@HeaderParam("Authorization") String authorization, byte[] body) {
        auth.checkJwt(authorization, body);
        JsonNode json = MessagesWebhooks.object(mapper, body);
        return receipts.apply(MessagesWebhooks.status(json));
    }

    @POST
    @Path("/inbound")
    @Consumes(MediaType.WILDCARD)
    public Response inbound(@HeaderParam("Authorization") String authorization, byte[] body) {
        auth.checkJwt(authorization, body);
        InboundSms sms = MessagesWebhooks.inbound(MessagesWebhooks.object(mapper, body));
        return sms == null ? Response.ok().build() : inbound.apply(sms);
    }
}
