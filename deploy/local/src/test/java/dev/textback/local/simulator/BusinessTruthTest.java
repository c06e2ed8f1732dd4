package dev.textback.local.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The ground truth's restatement of the rules (dedupe window, active conversation, opt-out,
 * attribution, follow-ups owed): the end-to-end test is only as good as this model.
 */
class BusinessTruthTest {
    private static final String CALLER = "+12125550188";
    private static final Instant T0 = Instant.parse("2026-10-27T15:00:00Z");

    private final BusinessTruth truth = new BusinessTruth(new SimBusiness("b-1", "B", "America/New_York",
            "+12125550100", new BigDecimal("100.00"), new BigDecimal("99.00"), "Hi from {business}"));

    private Map<String, Long> suppressed() {
        return ExpectedRoi.suppressed(truth, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    }

    @Test
    void aRepeatInsideTheDedupeWindowJoinsAndOneAfterItOpensASecondLead() {
        assertTrue(truth.missedCall(CALLER, T0));
        assertFalse(truth.missedCall(CALLER, T0.plus(Duration.ofHours(24))), "24 h: still inside (both edges)");
        assertTrue(truth.missedCall(CALLER, T0.plus(Duration.ofHours(30))));
        assertEquals(2, truth.leads().size());
        assertEquals(1, truth.repeatLeads());
        assertEquals(Map.of("DEDUPE_WINDOW", 1L), suppressed());
        assertEquals(2, truth.expectedFirstTexts());
    }

    @Test
    void aReplyHoldsLaterCallsInTheConversationFor72Hours() {
        truth.missedCall(CALLER, T0);
        LeadTruth first = truth.lead(CALLER);
        first.texted = true;
        truth.replied(first, T0.plusSeconds(60));
        assertFalse(truth.missedCall(CALLER, T0.plus(Duration.ofHours(60))));
        assertTrue(truth.missedCall(CALLER, T0.plus(Duration.ofHours(90))), "72 h after the reply: a new lead");
        assertEquals(Map.of("ACTIVE_CONVERSATION", 1L), suppressed());
        assertEquals(0, first.firstReplyAfterStep, "the reply answered the first text");
    }

    @Test
    void anOptedOutCallerOpensALeadThatIsNeverTexted() {
        truth.missedCall(CALLER, T0);
        LeadTruth first = truth.lead(CALLER);
        first.texted = true;
        truth.optedOut(first);
        assertFalse(truth.missedCall(CALLER, T0.plus(Duration.ofHours(90))));
        assertEquals(2, truth.leads().size());
        assertEquals(1, truth.expectedFirstTexts());
        assertEquals(Map.of("OPTED_OUT", 1L), suppressed());
    }

    @Test
    void aBookingGoesToTheLatestMissedCallOfTheLast30Days() {
        truth.missedCall(CALLER, T0);
        LeadTruth first = truth.lead(CALLER);
        truth.missedCall(CALLER, T0.plus(Duration.ofHours(1))); // joins the first lead
        truth.answeredCall(CALLER, T0.plus(Duration.ofHours(2))); // answered calls never take the credit
        assertSame(first, truth.attribute(CALLER, T0.plus(Duration.ofHours(3))));
        truth.missedCall(CALLER, T0.plus(Duration.ofDays(5)));
        LeadTruth second = truth.lead(CALLER);
        assertSame(first, truth.attribute(CALLER, T0.plus(Duration.ofDays(4))), "before the second lead's call");
        assertSame(second, truth.attribute(CALLER, T0.plus(Duration.ofDays(6))));
        assertSame(second, truth.attribute(CALLER, T0.plus(Duration.ofDays(35))), "30 days after the call: inside");
        assertNull(truth.attribute(CALLER, T0.plus(Duration.ofDays(36))), "more than 30 days after the last call");
        assertNull(truth.attribute("+13125550177", T0.plus(Duration.ofHours(3))), "a walk-in never called");
    }

    @Test
    void aFollowUpIsOwedToTextedLeadsThatStayedSilentInsideTheirLegalHours() {
        truth.missedCall(CALLER, T0);
        truth.missedCall("+13125550177", T0);
        truth.missedCall("+14155550166", T0);
        List<LeadTruth> leads = List.copyOf(truth.leads());
        leads.forEach(l -> {
            l.texted = true;
            l.textedAt = T0;
        });
        truth.replied(leads.get(1), T0.plusSeconds(30));
        truth.optedOut(leads.get(2));
        Duration delay = Duration.ofHours(2);
        Instant next = T0.plus(Duration.ofHours(30)); // 17:00 in New York
        assertFalse(truth.owedTextsSent(next, delay), "the silent lead is owed its follow-up");
        assertTrue(truth.owedTextsSent(T0.plus(Duration.ofHours(1)), delay), "not due before two hours");
        assertTrue(truth.owedTextsSent(Instant.parse("2026-10-29T04:00:00Z"), delay), "midnight in New York: it waits");
        assertTrue(truth.textOutstanding(CALLER));
        assertFalse(truth.textOutstanding("+13125550177"), "a reply ends the sequence");
        assertSame(leads.get(0), truth.awaitingFollowUp(CALLER));
        leads.get(0).followUpSent = true;
        assertTrue(truth.owedTextsSent(next, delay));
        assertFalse(truth.textOutstanding(CALLER));
        truth.replied(leads.get(0), next);
        assertEquals(1, leads.get(0).firstReplyAfterStep, "the reply answered the follow-up");
    }

    @Test
    void aFirstTextWaitsForTheRecipientsLegalHours() {
        Instant night = Instant.parse("2026-11-03T03:00:00Z"); // 22:00 in New York, 21:00 in Chicago
        truth.missedCall(CALLER, night);
        assertTrue(truth.owedTextsSent(night.plusSeconds(5), Duration.ofHours(2)), "deferred, not owed");
        assertTrue(truth.textOutstanding(CALLER));
        Instant morning = Instant.parse("2026-11-03T13:00:00Z"); // 08:00 in New York
        assertFalse(truth.owedTextsSent(morning, Duration.ofHours(2)), "owed once the morning comes");
        assertTrue(LegalHours.allows("+15125550100", Instant.parse("2026-11-03T15:00:00Z")), "Texas, 09:00 Tuesday");
        assertFalse(LegalHours.allows("+15125550100", Instant.parse("2026-11-01T17:59:00Z")), "Texas, 11:59 Sunday");
        assertFalse(LegalHours.allows("+12065550100", Instant.parse("2026-11-03T04:00:00Z")), "Washington, 20:00");
    }
}
