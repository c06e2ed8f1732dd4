package dev.textback.local.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the simulator did to one business: calls placed, leads, and what came of them. The
 * rules that decide whether a missed call opens a lead are restated here from the issue and
 * docs/texting-hours.md, not taken from sms-dispatch: a repeat call inside the dedupe window (24 h
 * after the lead's opening call) joins that lead; a caller who replied within the active-conversation
 * window (72 h) joins their latest lead; an opted-out caller opens a lead that is never texted.
 */
public final class BusinessTruth {
    static final Duration DEDUPE_WINDOW = Duration.ofHours(24);
    static final Duration ACTIVE_CONVERSATION = Duration.ofHours(72);
    static final Duration ATTRIBUTION_WINDOW = Duration.ofDays(30);

    /** One call as placed: when it ended, whether it was missed, the suppression it should get, its lead. */
    record CallTruth(String caller, Instant endedAt, boolean missed, String suppressed, LeadTruth lead) {
    }

    private final SimBusiness business;
    private final List<CallTruth> calls = new ArrayList<>();
    private final Map<String, List<LeadTruth>> leadsByCaller = new LinkedHashMap<>();
    private final List<LeadTruth> leads = new ArrayList<>();
    private final Map<String, Instant> lastReply = new HashMap<>();
    private final Set<String> optedOut = new HashSet<>();
    private long unattributedBookings;

    BusinessTruth(SimBusiness business) {
        this.business = business;
    }

    public SimBusiness business() {
        return business;
    }

    public synchronized long inboundCalls() {
        return calls.size();
    }

    public synchronized long missedCalls() {
        return calls.stream().filter(CallTruth::missed).count();
    }

    public synchronized Collection<LeadTruth> leads() {
        return new ArrayList<>(leads);
    }

    synchronized List<CallTruth> calls() {
        return new ArrayList<>(calls);
    }

    public synchronized long unattributedBookings() {
        return unattributedBookings;
    }

    /** The day a moment falls on in the business's own time zone (the day every figure is counted on). */
    LocalDate day(Instant at) {
        return at.atZone(business.zone()).toLocalDate();
    }

    /** The day of the first call placed, if any: where a report of everything played starts. */
    public synchronized Optional<LocalDate> firstDay() {
        return calls.isEmpty() ? Optional.empty() : Optional.of(day(calls.get(0).endedAt()));
    }

    /** The caller's latest lead: the one a text to them, or their reply, belongs to. */
    synchronized LeadTruth lead(String caller) {
        List<LeadTruth> own = leadsByCaller.get(caller);
        return own == null ? null : own.get(own.size() - 1);
    }

    synchronized void answeredCall(String caller, Instant endedAt) {
        calls.add(new CallTruth(caller, endedAt, false, null, null));
    }

    synchronized void withheldMissedCall(Instant endedAt) {
        calls.add(new CallTruth(null, endedAt, true, "CALLER_WITHHELD", null));
    }

    /** A missed call from a reachable caller: a new lead, or a repeat that joins one. True when it opens a lead. */
    synchronized boolean missedCall(String caller, Instant endedAt) {
        LeadTruth latest = lead(caller);
        if (latest != null && !latest.missedAt.isBefore(endedAt.minus(DEDUPE_WINDOW))
                && !latest.missedAt.isAfter(endedAt)) {
            calls.add(new CallTruth(caller, endedAt, true, "DEDUPE_WINDOW", latest));
            return false;
        }
        Instant replied = lastReply.get(caller);
        if (replied != null && !replied.isBefore(endedAt.minus(ACTIVE_CONVERSATION))) {
            calls.add(new CallTruth(caller, endedAt, true, "ACTIVE_CONVERSATION", latest));
            return false;
        }
        boolean out = optedOut.contains(caller);
        LeadTruth lead = new LeadTruth(business.id(), caller, endedAt,
                leadsByCaller.getOrDefault(caller, List.of()).size(), !out);
        leadsByCaller.computeIfAbsent(caller, k -> new ArrayList<>()).add(lead);
        leads.add(lead);
        calls.add(new CallTruth(caller, endedAt, true, out ? "OPTED_OUT" : null, lead));
        return !out;
    }

    /**
     * The lead a follow-up to this caller belongs to: their latest, texted and not followed up yet
     * (the simulation never lets a caller with a text still to come ring again; see textOutstanding).
     */
    synchronized LeadTruth awaitingFollowUp(String caller) {
        LeadTruth latest = lead(caller);
        return latest != null && latest.texted && !latest.followUpSent ? latest : null;
    }

    /**
     * Whether every text due by {@code now} that may legally go out at {@code now} went out: the first
     * text of each lead opened before it, and the follow-up of each lead texted {@code followUpDelay}
     * before it that has not replied, converted or opted out (the rule the issue states for a step).
     * A text due in the recipient's night waits for a moment inside their legal hours.
     */
    synchronized boolean owedTextsSent(Instant now, Duration followUpDelay) {
        for (LeadTruth l : leads) {
            if (!LegalHours.allows(l.caller, now)) {
                continue;
            }
            if (l.expectText && !l.texted && l.missedAt.isBefore(now)) {
                return false;
            }
            if (owesFollowUp(l) && !l.textedAt.plus(followUpDelay).isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this caller has a text still to come (a first text or a follow-up, due or deferred): a
     * caller the simulation lets ring again only when there is none, so that a follow-up always
     * belongs to the caller's latest lead.
     */
    synchronized boolean textOutstanding(String caller) {
        LeadTruth latest = lead(caller);
        return latest != null && (latest.expectText && !latest.texted || owesFollowUp(latest));
    }

    private static boolean owesFollowUp(LeadTruth l) {
        return l.texted && !l.replied && !l.optedOut && !l.converted && !l.followUpSent;
    }

    /** First texts that went out an hour or more after the call: deferred by quiet hours. */
    public synchronized long deferredFirstTexts() {
        return leads.stream().filter(l -> l.texted && !l.textedAt.isBefore(l.missedAt.plus(Duration.ofHours(1))))
                .count();
    }

    synchronized void replied(LeadTruth lead, Instant at) {
        if (!lead.replied) {
            lead.firstReplyAfterStep = lead.followUpSent ? 1 : 0;
        }
        lead.replied = true;
        lastReply.merge(lead.caller, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    synchronized void optedOut(LeadTruth lead) {
        lead.optedOut = true;
        optedOut.add(lead.caller);
    }

    /**
     * The lead a conversion is credited to: that of the caller's latest missed call that ended no later
     * than the conversion and no earlier than the attribution window before it; null when none does.
     */
    synchronized LeadTruth attribute(String phone, Instant occurredAt) {
        Instant from = occurredAt.minus(ATTRIBUTION_WINDOW);
        CallTruth best = null;
        for (CallTruth c : calls) {
            if (c.missed() && phone.equals(c.caller()) && !c.endedAt().isAfter(occurredAt)
                    && !c.endedAt().isBefore(from) && (best == null || !c.endedAt().isBefore(best.endedAt()))) {
                best = c;
            }
        }
        return best == null ? null : best.lead();
    }

    synchronized void unattributedBooking() {
        unattributedBookings++;
    }

    /** Leads that should have had their first text by now (an opted-out caller's lead never does). */
    synchronized int expectedFirstTexts() {
        return (int) leads.stream().filter(l -> l.expectText).count();
    }

    /** Leads opened by a caller who already had one here (rang again after the dedupe window). */
    public synchronized long repeatLeads() {
        return leads.stream().filter(l -> l.ordinal > 0).count();
    }

    synchronized long textedLeads() {
        return leads.stream().filter(l -> l.texted).count();
    }
}
