package dev.textback.crm.conversion;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A booking, form or sale reported by the business (or its booking system).
 *
 * @param phone      the customer's number in any format; read with the business's country
 * @param contactId  alternative to phone: a contact id from the contacts API
 * @param value      what it was worth; absent means "use the business's average client value"
 * @param externalId the client's idempotency key: the same key twice is the same conversion
 */
public record ConversionRequest(
        String phone,
        String contactId,
        String type,
        BigDecimal value,
        String currency,
        Instant occurredAt,
        String externalId) {
}
