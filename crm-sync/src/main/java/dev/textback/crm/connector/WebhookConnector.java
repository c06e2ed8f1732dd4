package dev.textback.crm.connector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.booking.Signatures;
import dev.textback.crm.delivery.CrmUpdate;

/**
 * A signed outbound webhook for Zapier-style tools: each update is POSTed as JSON to the business's
 * URL, signed like the inbound webhooks ({@code X-Textback-Signature: t=<unix>,v1=<hex>} over
 * {@code t + "." + body} with the connector's own secret), with {@code X-Textback-Delivery} stable
 * across retries so the receiver can drop duplicates. Any 2xx is success.
 */
@ApplicationScoped
public class WebhookConnector implements CrmConnector {
    public static final String NAME = "webhook";
    public static final String DELIVERY_HEADER = "X-Textback-Delivery";

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "crm.connectors.timeout", defaultValue = "10s")
    Duration timeout;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(String deliveryKey, CrmUpdate update, ConnectorSettings settings) throws DeliveryFailure {
        if (settings.url() == null || settings.secret() == null) {
            throw new DeliveryFailure("webhook connector of " + update.businessId() + " has no url or secret", true);
        }
        String body;
        try {
            body = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure("cannot serialize: " + e.getMessage(), true);
        }
        String signature = Signatures.sign(settings.secret(), Instant.now(), body.getBytes(StandardCharsets.UTF_8));
        Http.Reply reply = Http.send("POST", settings.url(), body, timeout, Signatures.HEADER, signature,
                DELIVERY_HEADER, deliveryKey);
        if (!reply.ok()) {
            throw DeliveryFailure.ofStatus("webhook " + settings.url(), reply.status(), reply.body());
        }
    }
}
