package dev.textback.local.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Everything the simulator did to one business: calls placed, leads, and what came of them. */
public final class BusinessTruth {
    private final SimBusiness business;
    private final AtomicLong inboundCalls = new AtomicLong();
    private final AtomicLong missedCalls = new AtomicLong();
    private final Map<String, LeadTruth> leads = new LinkedHashMap<>();
    private final Map<String, Long> suppressed = new LinkedHashMap<>();
    private long unattributedBookings;

    BusinessTruth(SimBusiness business) {
        this.business = business;
    }

    public SimBusiness business() {
        return business;
    }

    public long inboundCalls() {
        return inboundCalls.get();
    }

    public long missedCalls() {
        return missedCalls.get();
    }

    public synchronized Collection<LeadTruth> leads() {
        return new ArrayList<>(leads.values());
    }

    public synchronized Map<String, Long> suppressed() {
        return new LinkedHashMap<>(suppressed);
    }

    public synchronized long unattributedBookings() {
        return unattributedBookings;
    }

    void callPlaced(boolean missed) {
        inboundCalls.incrementAndGet();
        if (missed) {
            missedCalls.incrementAndGet();
        }
    }

    synchronized LeadTruth lead(String caller) {
        return leads.get(caller);
    }

    /** A missed call from a reachable caller: a new lead, or a repeat that joins the open one. */
    synchronized boolean openOrJoinLead(String caller) {
        if (leads.containsKey(caller)) {
            suppressed.merge("DEDUPE_WINDOW", 1L, Long::sum);
            return false;
        }
        leads.put(caller, new LeadTruth(business.id(), caller));
        return true;
    }

    synchronized void withheldMissedCall() {
        suppressed.merge("CALLER_WITHHELD", 1L, Long::sum);
    }

    synchronized void unattributedBooking() {
        unattributedBookings++;
    }

    synchronized int expectedFirstTexts() {
        return leads.size();
    }

    synchronized long textedLeads() {
        return leads.values().stream().filter(l -> l.texted).count();
    }
}
