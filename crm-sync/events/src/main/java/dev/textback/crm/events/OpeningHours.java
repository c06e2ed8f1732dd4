package dev.textback.crm.events;

/**
 * One opening interval of a business, in the business's own time zone. A day may have several
 * intervals (a lunch break); a day without any is closed. An empty list of hours means "not stated".
 *
 * @param day    a {@link java.time.DayOfWeek} name: MONDAY .. SUNDAY
 * @param opens  "HH:mm", strictly before {@code closes}
 * @param closes "HH:mm"
 */
public record OpeningHours(String day, String opens, String closes) {
}
