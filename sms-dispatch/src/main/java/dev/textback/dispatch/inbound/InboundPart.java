package dev.textback.dispatch.inbound;

import dev.textback.dispatch.webhook.WebhookFields;

/**
 * One part of a concatenated inbound SMS (Vonage sends {@code concat=true}, {@code concat-ref},
 * {@code concat-total}, {@code concat-part} with each part).
 */
public record InboundPart(InboundSms sms, String ref, int part, int total) {

    /** Reads and validates the concatenation fields; a 400 problem names every bad one. */
    public static InboundPart parse(InboundSms sms, WebhookFields f) {
        String ref = f.required("concat-ref");
        Integer total = positive(f, "concat-total");
        Integer part = positive(f, "concat-part");
        if (total != null && part != null && (part > total || total > 50)) {
            f.reject("concat-part", "must be between 1 and concat-total (at most 50)");
        }
        f.validate("concatenated message part");
        return new InboundPart(sms, ref, part, total);
    }

    private static Integer positive(WebhookFields f, String name) {
        String s = f.required(name);
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        f.reject(name, "must be a positive whole number");
        return null;
    }
}
