package dev.textback.crm.events;

/**
 * One follow-up text sent to a lead that has not replied, converted or opted out.
 *
 * @param step         1.. consecutive; the first text of a lead is step 0 (the template)
 * @param delayMinutes minutes after the previous text of the lead was sent
 * @param body         the text, with the placeholders {@code {business}} and {@code {booking_link}}
 */
public record FollowUpStep(int step, int delayMinutes, String body) {
}
