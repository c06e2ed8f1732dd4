package dev.textback.crm.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.delivery.CrmUpdate;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.web.Money;

/**
 * HubSpot through its CRM v3 objects API, with the business's private app token:
 * <ul>
 * <li>contact: found by phone ({@code POST /crm/v3/objects/contacts/search}, filter {@code phone EQ}),
 * else created ({@code POST /crm/v3/objects/contacts}); the tag goes into the property
 * {@code crm.connectors.hubspot.tag-property} ({@code PATCH /crm/v3/objects/contacts/{id}});</li>
 * <li>interaction: a note ({@code POST /crm/v3/objects/notes}) associated with the contact
 * (association type 202, note to contact);</li>
 * <li>conversion: a deal ({@code POST /crm/v3/objects/deals}, association type 3, deal to contact),
 * updated in place ({@code PATCH /crm/v3/objects/deals/{id}}) when its value changes.</li>
 * </ul>
 * The base URL is {@code crm.connectors.hubspot.base-url} (per deployment) unless the business's
 * connector sets {@code url} (a sandbox, or the test stub).
 * Remote ids are remembered in {@link ExternalRefs}, so a retry updates rather than duplicates. A note
 * whose creation succeeded but whose acknowledgement was lost may be written twice (at least once).
 */
@ApplicationScoped
public class HubSpotConnector implements CrmConnector {
    public static final String NAME = "hubspot";
    static final int NOTE_TO_CONTACT = 202;
    static final int DEAL_TO_CONTACT = 3;

    @Inject
    ObjectMapper json;
    @Inject
    ExternalRefs refs;

    @ConfigProperty(name = "crm.connectors.hubspot.base-url", defaultValue = "https://api.hubapi.com")
    String baseUrl;
    @ConfigProperty(name = "crm.connectors.hubspot.tag-property", defaultValue = "textback_tags")
    String tagProperty;
    @ConfigProperty(name = "crm.connectors.hubspot.deal-pipeline", defaultValue = "default")
    String pipeline;
    @ConfigProperty(name = "crm.connectors.hubspot.deal-stage", defaultValue = "closedwon")
    String dealStage;
    @ConfigProperty(name = "crm.connectors.timeout", defaultValue = "10s")
    Duration timeout;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(String deliveryKey, CrmUpdate u, ConnectorSettings settings) throws DeliveryFailure {
        if (settings.token() == null || settings.token().isBlank()) {
            throw new DeliveryFailure("no HubSpot access token configured for " + u.businessId(), true);
        }
        Contact contact = contact(u, settings);
        switch (u.kind()) {
            case CrmUpdate.CONTACT -> {
                if (!contact.createdWithTag()) {
                    call("PATCH", "/crm/v3/objects/contacts/" + contact.id(),
                            Map.of("properties", Map.of(tagProperty, u.tag())), settings);
                }
            }
            case CrmUpdate.INTERACTION -> call("POST", "/crm/v3/objects/notes", Map.of(
                    "properties", Map.of("hs_timestamp", u.at().toString(),
                            "hs_note_body", noteBody(u)),
                    "associations", associate(contact.id(), NOTE_TO_CONTACT)), settings);
            case CrmUpdate.CONVERSION -> deal(u.conversion(), contact.id(), settings);
            default -> throw new DeliveryFailure("unknown update kind " + u.kind(), true);
        }
    }

    private record Contact(String id, boolean createdWithTag) {
    }

    private Contact contact(CrmUpdate u, ConnectorSettings settings) throws DeliveryFailure {
        String known = refs.find(NAME, u.businessId(), u.contactId());
        if (known != null) {
            return new Contact(known, false);
        }
        JsonNode found = call("POST", "/crm/v3/objects/contacts/search", Map.of(
                "filterGroups", List.of(Map.of("filters",
                        List.of(Map.of("propertyName", "phone", "operator", "EQ", "value", u.phone())))),
                "properties", List.of("phone"),
                "limit", 1), settings);
        String id = found.path("results").path(0).path("id").asText(null);
        boolean withTag = false;
        if (id == null) {
            Map<String, Object> properties = u.tag() == null ? Map.of("phone", u.phone())
                    : Map.of("phone", u.phone(), tagProperty, u.tag());
            id = call("POST", "/crm/v3/objects/contacts", Map.of("properties", properties), settings)
                    .path("id").asText(null);
            if (id == null) {
                throw new DeliveryFailure("HubSpot created a contact without an id", false);
            }
            withTag = u.tag() != null;
        }
        refs.save(NAME, u.businessId(), u.contactId(), id);
        return new Contact(id, withTag);
    }

    private void deal(ConversionRecorded c, String contactId, ConnectorSettings settings) throws DeliveryFailure {
        String revisionKey = "deal-revision:" + c.conversionId();
        String delivered = refs.find(NAME, c.businessId(), revisionKey);
        if (delivered != null && Integer.parseInt(delivered) >= c.revision()) {
            return; // a newer value is already there: an older retry must not overwrite it
        }
        Map<String, Object> amount = Map.of("amount", Money.normalize(c.value()).toPlainString(),
                "deal_currency_code", c.currency());
        String dealId = refs.find(NAME, c.businessId(), "deal:" + c.conversionId());
        if (dealId == null) {
            Map<String, Object> properties = new java.util.HashMap<>(amount);
            properties.put("dealname", c.type() + " " + c.phone() + (c.recovered() ? " (recovered by Textback)" : ""));
            properties.put("closedate", c.occurredAt().toString());
            properties.put("pipeline", pipeline);
            properties.put("dealstage", dealStage);
            dealId = call("POST", "/crm/v3/objects/deals", Map.of("properties", properties,
                    "associations", associate(contactId, DEAL_TO_CONTACT)), settings).path("id").asText(null);
            if (dealId == null) {
                throw new DeliveryFailure("HubSpot created a deal without an id", false);
            }
            refs.save(NAME, c.businessId(), "deal:" + c.conversionId(), dealId);
        } else {
            call("PATCH", "/crm/v3/objects/deals/" + dealId, Map.of("properties", amount), settings);
        }
        refs.save(NAME, c.businessId(), revisionKey, Integer.toString(c.revision()));
    }

    private static String noteBody(CrmUpdate u) {
        return "Textback: " + u.interaction() + (u.detail() == null ? "" : " - " + u.detail());
    }

    private static List<Object> associate(String contactId, int typeId) {
        return List.of(Map.of("to", Map.of("id", contactId),
                "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId))));
    }

    private JsonNode call(String method, String path, Object body, ConnectorSettings settings)
            throws DeliveryFailure {
        String token = settings.token();
        String payload;
        try {
            payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure("cannot serialize: " + e.getMessage(), true);
        }
        String base = settings.url() == null ? baseUrl : settings.url();
        Http.Reply reply = Http.send(method, base + path, payload, timeout, "Authorization", "Bearer " + token);
        if (!reply.ok()) {
            throw DeliveryFailure.ofStatus("HubSpot " + method + " " + path, reply.status(), reply.body());
        }
        try {
            String text = reply.body();
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailure("HubSpot answered with invalid JSON", false);
        }
    }
}
