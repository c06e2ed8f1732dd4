package dev.textback.local.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/** What the simulator did for one lead (one caller's opening missed call at one business), as it happened. */
final class LeadTruth {
    final String businessId;
    final String caller;
    /** When the lead's opening missed call ended: the cohort it belongs to. */
    final Instant missedAt;
    /** 0 for the caller's first lead at this business, 1 for the next, ... */
    final int ordinal;
    /** False when the caller had opted out: the lead is opened but never texted. */
    final boolean expectText;
    boolean texted;
    /** When the provider accepted the first text (simulated time); null before. */
    Instant textedAt;
    boolean delivered;
    boolean replied;
    boolean optedOut;
    boolean converted;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal estimatedRevenue = BigDecimal.ZERO;
    BigDecimal smsCost = BigDecimal.ZERO;
    /** The follow-up (step 1, simulated weeks only) went out to this lead. */
    boolean followUpSent;
    /** The step the lead's first reply answered (0: the first text, 1: the follow-up); -1 before any reply. */
    int firstReplyAfterStep = -1;
    /** Silent after the first text, this caller answers the follow-up (and may book: a value, or null for none). */
    boolean answersFollowUp;
    boolean booksAfterFollowUp;
    BigDecimal followUpBookingValue;

    LeadTruth(String businessId, String caller, Instant missedAt, int ordinal, boolean expectText) {
        this.businessId = businessId;
        this.caller = caller;
        this.missedAt = missedAt;
        this.ordinal = ordinal;
        this.expectText = expectText;
    }

    /** Seeds this lead's fate: the caller's first lead keeps the key it always had. */
    String fateKey() {
        return businessId + caller + (ordinal == 0 ? "" : "#" + ordinal);
    }
}
