package dev.textback.ingest.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.textback.calls.events.CallOutcome;

class VonageCallStatusTest {
    @ParameterizedTest
    @CsvSource({"unanswered,0,MISSED", "timeout,0,MISSED", "busy,0,MISSED", "rejected,0,MISSED",
            "cancelled,0,MISSED", "failed,0,MISSED", "completed,35,ANSWERED", "COMPLETED,1,ANSWERED",
            "completed,0,MISSED"})
    void finalStatusesHaveOutcomes(String status, int duration, CallOutcome expected) {
        assertEquals(Optional.of(expected), VonageCallStatus.outcome(status, duration));
    }

    @ParameterizedTest
    @CsvSource({"started", "ringing", "answered", "machine", "no-such-status"})
    void otherStatusesAreNotOutcomes(String status) {
        assertTrue(VonageCallStatus.outcome(status, null).isEmpty());
    }
}
