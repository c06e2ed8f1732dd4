package dev.textback.metrics.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallOutcome;
import dev.textback.calls.events.CallTopic;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import dev.textback.crm.events.TextTemplate;
import dev.textback.infra.EventSchemas;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicWriter;
import dev.textback.texts.events.ReplyReceived;
import dev.textback.texts.events.SuppressionReason;
import dev.textback.texts.events.TextSent;
import dev.textback.texts.events.TextStatus;
import dev.textback.texts.events.TextStatusChanged;
import dev.textback.texts.events.TextSuppressed;
import dev.textback.texts.events.TextTopic;

/**
 * Plays the producers of one business: writes contract records as CloudEvents on the real topics,
 * each body first checked against its producer's JSON Schema so the test cannot drift from the contract.
 */
public final class TestEvents {
    public static final String BUSINESS_NUMBER = "+15550100000";

    private final ObjectMapper mapper;
    private final String businessId;
    private final String bootstrap = TestInfrastructure.kafkaBootstrapServers();

    public TestEvents(ObjectMapper mapper, String businessId) {
        this.mapper = mapper;
        this.businessId = businessId;
    }

    public String businessId() {
        return businessId;
    }

    public void profile(String timeZone, String monthlyCost, long revision) {
        BusinessProfile p = new BusinessProfile(businessId, "Metrics Test " + businessId, "US", timeZone,
                List.of(BUSINESS_NUMBER), null, true, List.of(new TextTemplate("A", "Sorry we missed you", 1)), 12,
                new BigDecimal("100.00"), new BigDecimal(monthlyCost), "USD", 30, revision, Instant.now(),
                List.of(), null, List.of(), null, null);
        write(BusinessTopic.NAME, businessId, id(), BusinessTopic.BUSINESS_PROFILE, BusinessTopic.SOURCE, p,
                "business-profile.v1.json");
    }

    public void tombstone() {
        TopicWriter.send(bootstrap, BusinessTopic.NAME, businessId, id(), BusinessTopic.BUSINESS_PROFILE,
                BusinessTopic.SOURCE, null);
    }

    public void call(String callId, String caller, CallOutcome outcome, Instant endedAt) {
        CallEnded c = new CallEnded(callId, "vonage", businessId, caller, caller != null, BUSINESS_NUMBER, outcome,
                outcome == CallOutcome.ANSWERED ? "completed" : "unanswered", endedAt.minusSeconds(20), endedAt,
                outcome == CallOutcome.ANSWERED ? 20 : 0);
        write(CallTopic.NAME, CallTopic.key(businessId, caller), id(), CallTopic.CALL_ENDED, CallTopic.SOURCE, c,
                "call-ended.v1.json");
    }

    public void suppressed(String callId, String leadId, String caller, SuppressionReason reason, Instant missedAt) {
        TextSuppressed s = new TextSuppressed(callId, leadId, businessId, caller, reason, missedAt,
                missedAt.plusSeconds(1));
        write(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_SUPPRESSED, TextTopic.SOURCE, s,
                "text-suppressed.v1.json");
    }

    public void textSent(String textId, String leadId, String callId, String caller, int step, Instant missedAt,
            String price) {
        TextSent t = new TextSent(textId, leadId, businessId, callId, caller, BUSINESS_NUMBER, step, "A", missedAt,
                missedAt.plusSeconds(5), "msg-" + textId, 1, price == null ? null : new BigDecimal(price), "USD");
        write(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_SENT, TextTopic.SOURCE, t,
                "text-sent.v1.json");
    }

    public void receipt(String textId, String leadId, String caller, TextStatus status, Instant at, String price) {
        TextStatusChanged s = new TextStatusChanged(textId, leadId, businessId, caller, 0, status, "msg-" + textId,
                null, price == null ? null : new BigDecimal(price), price == null ? null : "USD", at);
        write(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.TEXT_STATUS_CHANGED,
                TextTopic.SOURCE, s, "text-status-changed.v1.json");
    }

    public void reply(String leadId, String caller, Instant at) {
        ReplyReceived r = new ReplyReceived("reply-" + id(), leadId, businessId, caller, "Yes please call me", 0, at);
        write(TextTopic.NAME, TextTopic.key(businessId, caller), id(), TextTopic.REPLY_RECEIVED, TextTopic.SOURCE, r,
                "reply-received.v1.json");
    }

    /** Writes a conversion under the given CloudEvent id (reuse an id to simulate a redelivery). */
    public void conversion(String eventId, String conversionId, String caller, String leadCallId, String value,
            boolean estimated, int revision, Instant occurredAt) {
        ConversionRecorded c = new ConversionRecorded(conversionId, businessId, "contact-" + caller, caller, "booking",
                new BigDecimal(value), "USD", estimated, occurredAt, leadCallId, true, null, revision, Instant.now());
        write(CrmTopic.NAME, CrmTopic.key(businessId, caller), eventId, CrmTopic.CONVERSION_RECORDED, CrmTopic.SOURCE,
                c, "conversion-recorded.v1.json");
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    private void write(String topic, String key, String eventId, String type, String source, Object event,
            String schema) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), EventSchemas.violations("schemas/" + schema, json), schema + ": " + json);
        TopicWriter.send(bootstrap, topic, key, eventId, type, source, json);
    }
}
