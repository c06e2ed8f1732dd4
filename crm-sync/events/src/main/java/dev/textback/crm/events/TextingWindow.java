package dev.textback.crm.events;

/**
 * The hours, in the recipient's local time, inside which the business lets Textback text. It can
 * only narrow the legal window (sms-dispatch intersects the two), never widen it.
 *
 * @param start "HH:mm", strictly before {@code end}
 * @param end   "HH:mm"
 */
public record TextingWindow(String start, String end) {
}
