package dev.textback.dispatch.receipt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.textback.dispatch.webhook.WebhookFields;
import dev.textback.texts.events.TextStatus;

/**
 * A Vonage SMS API delivery receipt (DLR).
 *
 * @param status    the final status, or null for intermediate ones (accepted, buffered)
 * @param rawStatus the status as Vonage wrote it
 */
public record DeliveryReceipt(String messageId, String msisdn, String to, String networkCode, BigDecimal price,
        String rawStatus, TextStatus status, String errCode, String clientRef, Instant messageTimestamp, String scts) {

    static final Map<String, TextStatus> FINAL = Map.of("delivered", TextStatus.DELIVERED, "expired",
            TextStatus.EXPIRED, "failed", TextStatus.FAILED, "rejected", TextStatus.REJECTED, "unknown",
            TextStatus.UNKNOWN);
    static final Set<String> INTERMEDIATE = Set.of("accepted", "buffered");

    public boolean intermediate() {
        return status == null;
    }

    /** Reads and validates the fields; throws a 400 problem naming every bad field. */
    public static DeliveryReceipt parse(WebhookFields f) {
        String messageId = f.required("messageId");
        String raw = f.required("status");
        String status = raw == null ? null : raw.toLowerCase(Locale.ROOT);
        if (status != null && !FINAL.containsKey(status) && !INTERMEDIATE.contains(status)) {
            f.reject("status", "must be one of delivered, expired, failed, rejected, accepted, buffered, unknown");
        }
        BigDecimal price = f.decimal("price");
        if (price != null && price.signum() < 0) {
            f.reject("price", "must not be negative");
        }
        f.validate("delivery receipt");
        String errCode = f.optional("err-code");
        return new DeliveryReceipt(messageId, f.optional("msisdn"), f.optional("to"), f.optional("network-code"),
                price, status, FINAL.get(status), errCode, f.optional("client-ref"), f.time("message-timestamp"),
                f.optional("scts"));
    }
}
