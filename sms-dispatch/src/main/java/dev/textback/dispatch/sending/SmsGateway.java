package dev.textback.dispatch.sending;

/**
 * Submits one text to the SMS provider and reports what came back, without deciding anything:
 * {@link SendPolicy} turns the result into a state change. Implementations never throw.
 */
public interface SmsGateway {
    SendResult send(SmsRequest request);
}
