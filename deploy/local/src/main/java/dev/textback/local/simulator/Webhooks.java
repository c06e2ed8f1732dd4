package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulated outside world sends the services over HTTP, in the providers' own formats: Vonage's
 * voice event for a call (to call-ingest), its delivery receipts and inbound SMS (to sms-dispatch), and
 * a CRM's booking (to crm-sync). Each method says whether the service accepted it; a refusal is counted
 * as a failure and printed. The truth is kept by the caller, only for what was accepted.
 */
final class Webhooks {
    private final Simulation.Endpoints endpoints;
    private final AtomicInteger failures;

    Webhooks(Simulation.Endpoints endpoints, AtomicInteger failures) {
        this.endpoints = endpoints;
        this.failures = failures;
    }

    /** A call that ended at {@code end}; {@code caller} null: a withheld number. */
    boolean call(String caller, String vonageNumber, String status, int duration, Instant end) {
        String json = """
                {"headers":{},"from":"%s","to":"%s","uuid":"%s","conversation_uuid":"CON-%s","status":"%s",
                 "direction":"inbound","timestamp":"%s","start_time":null,"end_time":"%s","duration":"%d",
                 "rate":"0.00450000","price":"0.00000000","network":"310260"}
                """.formatted(caller == null ? "Restricted" : caller.substring(1), vonageNumber,
                UUID.randomUUID(), UUID.randomUUID(), status, end, end, duration);
        return accepted("call", Http.postJson(endpoints.callIngest() + "/webhooks/vonage/voice/event", json));
    }

    /** A delivery receipt in one of the three forms Vonage uses: 0 form POST, 1 JSON POST, 2 GET query. */
    boolean receipt(String caller, String vonageNumber, String messageId, BigDecimal price, String clientRef,
            boolean delivered, int format, Instant at) {
        Map<String, String> dlr = new LinkedHashMap<>();
        dlr.put("msisdn", caller.substring(1));
        dlr.put("to", vonageNumber);
        dlr.put("network-code", "310004");
        dlr.put("messageId", messageId);
        dlr.put("price", price.toPlainString());
        dlr.put("status", delivered ? "delivered" : "failed");
        dlr.put("scts", "2611261200");
        dlr.put("err-code", delivered ? "0" : "12");
        dlr.put("api-key", "local");
        if (clientRef != null) {
            dlr.put("client-ref", clientRef);
        }
        dlr.put("message-timestamp", vonageTimestamp(at));
        String url = endpoints.smsDispatch() + "/webhooks/vonage/sms/receipt";
        Http.Reply reply = switch (format) {
            case 0 -> Http.postForm(url, dlr);
            case 1 -> Http.postJson(url, toJson(dlr));
            default -> Http.get(url + "?" + Http.encode(dlr));
        };
        return accepted("receipt", reply);
    }

    /** An SMS from the caller; the moment it was stamped with (whole seconds, as sms-dispatch reads it), or null. */
    Instant inbound(String caller, String vonageNumber, String text, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> sms = new LinkedHashMap<>();
        sms.put("msisdn", caller.substring(1));
        sms.put("to", vonageNumber);
        sms.put("messageId", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        sms.put("text", text);
        sms.put("type", "text");
        sms.put("keyword", text.split("\\s+")[0].toUpperCase());
        sms.put("message-timestamp", vonageTimestamp(at));
        return accepted("inbound", Http.postForm(endpoints.smsDispatch() + "/webhooks/vonage/sms/inbound", sms)) ? at
                : null;
    }

    /** A booking recorded in crm-sync; {@code value} null: the business's average client value stands in. */
    boolean booking(String businessId, String phone, BigDecimal value, Instant occurredAt) {
        String json = """
                {"phone":"%s","type":"appointment_booked",%s"occurredAt":"%s","externalId":"sim-%s"}
                """.formatted(phone, value == null ? "" : "\"value\":" + value.setScale(2, RoundingMode.HALF_UP) + ",",
                occurredAt, UUID.randomUUID());
        return accepted("booking",
                Http.postJson(endpoints.crmSync() + "/api/businesses/" + businessId + "/conversions", json));
    }

    private boolean accepted(String what, Http.Reply reply) {
        if (reply.status() / 100 == 2) {
            return true;
        }
        failures.incrementAndGet();
        System.err.println(what + " refused: " + reply.status() + " " + reply.body());
        return false;
    }

    /** Vonage's "yyyy-MM-dd HH:mm:ss" in UTC. */
    private static String vonageTimestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').substring(0, 19);
    }

    private static String toJson(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return b.append('}').toString();
    }
}
