package dev.textback.dispatch.unknown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.textback.dispatch.sending.UnknownText;

/** Which of the provider's records, if any, shows it took an UNKNOWN text. */
class HeldForTest {
    private final UnknownText text = new UnknownText(UUID.randomUUID(), "+15551230000", Instant.now());

    private ProviderRecords.Received record(String clientRef, String status) {
        return new ProviderRecords.Received(clientRef, "m-" + status, new BigDecimal("0.0079"), status);
    }

    @Test
    void theRecordWithTheTextsIdAsClientRefHoldsIt() {
        List<ProviderRecords.Received> received = List.of(record(UUID.randomUUID().toString(), "delivered"),
                record(null, "delivered"), record(text.id().toString(), "accepted"));
        assertEquals("m-accepted", UnknownTextCheck.heldFor(text, received).orElseThrow().messageId());
    }

    @Test
    void otherTextsToTheSameRecipientDoNotHoldIt() {
        assertTrue(UnknownTextCheck.heldFor(text, List.of(record(UUID.randomUUID().toString(), "delivered")))
                .isEmpty());
        assertTrue(UnknownTextCheck.heldFor(text, List.of()).isEmpty());
    }

    @Test
    void aSubmissionTheProviderRejectedDoesNotHoldIt() {
        assertTrue(UnknownTextCheck.heldFor(text, List.of(record(text.id().toString(), "rejected"))).isEmpty());
        assertEquals("m-failed",
                UnknownTextCheck.heldFor(text, List.of(record(text.id().toString(), "failed"))).orElseThrow()
                        .messageId(), "failed after it was taken: the provider had it, so no resend");
    }
}
