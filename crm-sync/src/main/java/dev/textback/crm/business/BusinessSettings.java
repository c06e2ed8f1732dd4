package dev.textback.crm.business;

import java.math.BigDecimal;
import java.util.List;

import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.OpeningHours;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.events.TextingWindow;

/** A validated, normalized business request: numbers in E.164, defaults applied. */
public record BusinessSettings(
        String businessId,
        String name,
        String country,
        String timeZone,
        List<String> numbers,
        String forwardTo,
        List<TextTemplate> templates,
        BigDecimal averageClientValue,
        BigDecimal monthlyCost,
        String currency,
        int dedupeWindowHours,
        int attributionWindowDays,
        boolean enabled,
        List<OpeningHours> hours,
        TextingWindow textingWindow,
        List<FollowUpStep> followUps,
        int ringTimeoutSeconds,
        String bookingLink) {
}
