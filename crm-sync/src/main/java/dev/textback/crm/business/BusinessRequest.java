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
        Boolean enabled) {

    public record TemplateRequest(String variant, String body, Integer weight) {
    }
}
