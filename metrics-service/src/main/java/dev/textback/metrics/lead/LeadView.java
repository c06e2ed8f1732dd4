package dev.textback.metrics.lead;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Everything the facts say about one lead: what the ROI summary counted it as, for debugging. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadView(
        String leadId,
        String openingCallId,
        String caller,
        Instant missedAt,
        String firstTextId,
        Instant textedAt,
        String variant,
        String firstTextStatus,
        Instant deliveredAt,
        Instant firstReplyAt,
        Integer replyAfterStep,
        int replies,
        Instant optedOutAt,
        long texts,
        BigDecimal smsCost,
        long recoveredConversions,
        BigDecimal revenue,
        Boolean reachable,
        String suppressedReason,
        Instant convertedAt,
        Boolean estimated,
        BigDecimal estimatedRevenue,
        Integer speedToTextSeconds,
        java.time.LocalDate day) {
}
