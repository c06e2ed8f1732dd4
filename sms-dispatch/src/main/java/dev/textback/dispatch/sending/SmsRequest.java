package dev.textback.dispatch.sending;

/**
 * One text to submit. Numbers are E.164 with '+'; the gateway adapts them to the provider.
 *
 * @param clientRef the outbound text id, echoed back in delivery receipts
 */
public record SmsRequest(String clientRef, String from, String to, String text, boolean unicode) {
}
