package dev.textback.crm.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The full settings of one business, published on every change (a snapshot, not a diff), so a
 * consumer only ever needs the latest record per key.
 *
 * @param numbers                business phone numbers in E.164 that callers dial
 * @param averageClientValue     value counted for a conversion that carries none
 * @param monthlyCost            what Textback costs this business per month
 * @param dedupeWindowHours      repeat missed calls inside this window join the same lead
 * @param attributionWindowDays  a conversion belongs to a lead whose missed call is at most this old
 * @param revision               increases with every change, so stale snapshots can be ignored
 */
public record BusinessProfile(
        String businessId,
        String name,
        String country,
        String timeZone,
        List<String> numbers,
        String forwardTo,
        boolean enabled,
        List<TextTemplate> templates,
        int dedupeWindowHours,
        BigDecimal averageClientValue,
        BigDecimal monthlyCost,
        String currency,
        int attributionWindowDays,
        long revision,
        Instant updatedAt) {
}
