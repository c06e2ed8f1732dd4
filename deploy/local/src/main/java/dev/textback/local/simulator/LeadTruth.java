package dev.textback.local.simulator;

import java.math.BigDecimal;

/** What the simulator did for one lead (one caller at one business), as it happened. */
final class LeadTruth {
    final String businessId;
    final String caller;
    boolean texted;
    boolean delivered;
    boolean replied;
    boolean optedOut;
    boolean converted;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal estimatedRevenue = BigDecimal.ZERO;
    BigDecimal smsCost = BigDecimal.ZERO;

    LeadTruth(String businessId, String caller) {
        this.businessId = businessId;
        this.caller = caller;
    }
}
