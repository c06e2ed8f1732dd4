package dev.textback.dispatch.inbound;

import java.time.Instant;

import dev.textback.dispatch.phone.PhoneNumbers;
import dev.textback.dispatch.webhook.WebhookFields;

/**
 * An inbound SMS from Vonage's SMS API webhook, numbers normalized to E.164 with '+'.
 *
 * @param from the caller (Vonage's {@code msisdn})
 * @param to   the business number
 */
public record InboundSms(String messageId, String from, String to, String text, String type, String keyword,
        Instant messageTimestamp) {

    /** Reads and validates the fields; throws a 400 problem naming every bad field. */
    public static InboundSms parse(WebhookFields f) {
        String msisdn = f.required("msisdn");
        String to = f.required("to");
        String messageId = f.required("messageId");
        String from = msisdn == null ? null : PhoneNumbers.toE164(msisdn).orElse(null);
        if (msisdn != null && from == null) {
            f.reject("msisdn", "is not a phone number");
        }
        String toE164 = to == null ? null : PhoneNumbers.toE164(to).orElse(null);
        if (to != null && toE164 == null) {
            f.reject("to", "is not a phone number");
        }
        String text = f.raw("text");
        if (text != null && text.length() > 10_000) {
            f.reject("text", "is longer than 10000 characters");
        }
        f.validate("inbound message");
        return new InboundSms(messageId, from, toE164, text, f.optional("type"), f.optional("keyword"),
                f.time("message-timestamp"));
    }
}
