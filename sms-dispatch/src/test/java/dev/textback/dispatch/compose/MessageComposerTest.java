package dev.textback.dispatch.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageComposerTest {

    @Test
    void fillsBusinessAndAddsHowToOptOut() {
        assertEquals("Sorry we missed you at Acme Plumbing! Reply STOP to opt out.",
                MessageComposer.compose("Sorry we missed you at {business}!", "Acme Plumbing"));
    }

    @Test
    void keepsTemplatesThatAlreadyMentionStop() {
        assertEquals("Hi from Acme. Text stop to opt out.",
                MessageComposer.compose("Hi from {business}. Text stop to opt out.", "Acme"));
    }

    @Test
    void stopInsideAWordDoesNotCount() {
        assertEquals("Call Nonstop Acme. Reply STOP to opt out.", MessageComposer.compose("Call Nonstop {business}.", "Acme"));
    }

    @org.junit.jupiter.api.Test
    void theBookingLinkIsFilledAndOnlyTheFirstTextMustMentionStop() {
        org.junit.jupiter.api.Assertions.assertEquals(
                "Still need us? Book at https://book.example/acme - Acme Plumbing. Reply STOP to opt out.",
                MessageComposer.compose("Still need us? Book at {booking_link} - {business}.", "Acme Plumbing",
                        "https://book.example/acme", true));
        org.junit.jupiter.api.Assertions.assertEquals("Still need us? Book at https://book.example/acme",
                MessageComposer.compose("Still need us? Book at {booking_link}", "Acme", "https://book.example/acme",
                        false));
    }
}
