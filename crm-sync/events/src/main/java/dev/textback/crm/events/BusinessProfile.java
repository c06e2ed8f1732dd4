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
 * @param hours                  opening hours in the business's time zone; empty or null = not stated
 * @param textingWindow          narrows the legal texting window (recipient's local time); null = legal window only
 * @param followUps              follow-up texts after the first one; empty or null = none
 * @param ringTimeoutSeconds     how long the forward-to phone rings before the call counts as missed; null = 20
 * @param bookingLink            URL for the {@code {booking_link}} placeholder; null = not set
 * <p>
 * The last five components were added after the first release: older snapshots lack them, so every
 * consumer must read them as nullable.
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
        Instant updatedAt,
        List<OpeningHours> hours,
        TextingWindow textingWindow,
        List<FollowUpStep> followUps,
        Integer ringTimeoutSeconds,
        String bookingLink) {

    /** What call-ingest rings for when a profile does not say. */
    public static final int DEFAULT_RING_TIMEOUT_SECONDS = 20;
}
