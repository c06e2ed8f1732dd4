package dev.textback.ingest.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.textback.ingest.classify.Classification;

/** Every row of the Vonage table in docs/call-classification.md. */
class VonageCallStatusTest {

    @ParameterizedTest(name = "{0} detail={1} duration={2} forwarded={3} -> {4} {5}")
    @CsvSource(nullValues = "-", value = {
            // status,    detail,        duration, forwarded leg, kind,      outcome,   reason
            "unanswered,  -,             -,        false,         FINAL,     MISSED,    unanswered",
            "unanswered,  ring_timeout,  -,        true,          FINAL,     MISSED,    unanswered:ring_timeout",
            "timeout,     -,             0,        true,          FINAL,     MISSED,    timeout",
            "busy,        -,             0,        false,         FINAL,     MISSED,    busy",
            "BUSY,        -,             0,        false,         FINAL,     MISSED,    busy",
            "rejected,    declined,      -,        false,         FINAL,     MISSED,    rejected:declined",
            "cancelled,   -,             -,        true,          FINAL,     MISSED,    cancelled",
            "failed,      cannot_route,  -,        false,         FINAL,     MISSED,    failed:cannot_route",
            "failed,      number_out_of_service, -, true,         FINAL,     MISSED,    failed:number_out_of_service",
            "completed,   -,             42,       false,         FINAL,     ANSWERED,  completed",
            "completed,   -,             -,        false,         FINAL,     ANSWERED,  completed",
            "completed,   -,             0,        false,         FINAL,     MISSED,    completed:no-talk-time",
            "completed,   -,             65,       true,          FINAL,     ANSWERED,  completed",
            "machine,     -,             -,        true,          FINAL,     VOICEMAIL, machine",
            "machine,     -,             -,        false,         NOT_FINAL, -,         machine",
            "started,     -,             -,        false,         NOT_FINAL, -,         started",
            "ringing,     -,             -,        true,          NOT_FINAL, -,         ringing",
            "answered,    -,             -,        false,         NOT_FINAL, -,         answered",
            "human,       -,             -,        true,          NOT_FINAL, -,         human",
            "input,       -,             -,        false,         NOT_FINAL, -,         input",
            "record,      -,             -,        false,         NOT_FINAL, -,         record",
            "transfer,    -,             -,        false,         NOT_FINAL, -,         transfer",
            "disconnected, -,            -,        false,         NOT_FINAL, -,         disconnected",
            "teleported,  -,             -,        false,         UNKNOWN,   -,         teleported",
    })
    void classifies(String status, String detail, Integer duration, boolean forwarded, Classification.Kind kind,
            String outcome, String reason) {
        Classification c = VonageCallStatus.classify(status, detail, duration, forwarded);
        assertEquals(kind, c.kind());
        if (outcome == null) {
            assertNull(c.outcome());
        } else {
            assertEquals(outcome, c.outcome().name());
        }
        assertEquals(reason, c.reason());
    }

    @org.junit.jupiter.api.Test
    void blankStatusIsUnknownNotAnError() {
        assertEquals(Classification.Kind.UNKNOWN, VonageCallStatus.classify("  ", null, null, false).kind());
        assertEquals(Classification.Kind.UNKNOWN, VonageCallStatus.classify(null, null, null, false).kind());
    }
}
