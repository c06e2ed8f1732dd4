package dev.textback.crm.business;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a client sends to create or replace a business. Everything is nullable here: defaults and
 * rules live in {@link BusinessValidator}, so a missing field becomes a named 400, not a Jackson error.
 *
 * @param template shorthand for a single template: becomes variant "A" with weight 1
 */
public record BusinessRequest(
        String businessId,
        String name,
        String country,
        String timeZone,
        List<String> numbers,
        String forwardTo,
        List<TemplateRequest> templates,
        String template,
        BigDecimal averageClientValue,
        BigDecimal monthlyCost,
        String currency,
        Integer dedupeWindowHours,
        Integer attributionWindowDays,
        Boolean enabled,
        List<HoursRequest> hours,
        WindowRequest textingWindow,
        List<FollowUpRequest> followUps,
        Integer ringTimeoutSeconds,
        String bookingLink) {

    public record TemplateRequest(String variant, String body, Integer weight) {
    }

    /** {@code {"day": "MONDAY", "opens": "08:00", "closes": "17:30"}}. */
    public record HoursRequest(String day, String opens, String closes) {
    }

    /** {@code {"start": "09:00", "end": "19:00"}}. */
    public record WindowRequest(String start, String end) {
    }

    /** {@code {"step": 1, "delayMinutes": 1440, "body": "..."}}. */
    public record FollowUpRequest(Integer step, Integer delayMinutes, String body) {
    }
}
