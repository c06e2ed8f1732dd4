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
}
