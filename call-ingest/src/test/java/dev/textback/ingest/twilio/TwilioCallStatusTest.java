package dev.textback.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.textback.ingest.classify.Classification;

/** Every row of the Twilio table in docs/call-classification.md. */
class TwilioCallStatusTest {

    @ParameterizedTest(name = "{0} answeredBy={1} duration={2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "no-answer,   -,                    0,  FINAL,     MISSED,    no-answer",
            "busy,        -,                    0,  FINAL,     MISSED,    busy",
            "failed,      -,                    -,  FINAL,     MISSED,    failed",
            "canceled,    -,                    -,  FINAL,     MISSED,    canceled",
            "completed,   -,                    31, FINAL,     ANSWERED,  completed",
            "completed,   human,                31, FINAL,     ANSWERED,  completed:human",
            "completed,   unknown,              31, FINAL,     ANSWERED,  completed:unknown",
            "completed,   machine_start,        20, FINAL,     VOICEMAIL, completed:machine_start",
            "completed,   machine_end_beep,     20, FINAL,     VOICEMAIL, completed:machine_end_beep",
            "completed,   machine_end_silence,  20, FINAL,     VOICEMAIL, completed:machine_end_silence",
            "completed,   machine_end_other,    20, FINAL,     VOICEMAIL, completed:machine_end_other",
            "completed,   fax,                  5,  FINAL,     VOICEMAIL, completed:fax",
            "completed,   -,                    0,  FINAL,     MISSED,    completed:no-talk-time",
            "queued,      -,                    -,  NOT_FINAL, -,         queued",
            "initiated,   -,                    -,  NOT_FINAL, -,         initiated",
            "ringing,     -,                    -,  NOT_FINAL, -,         ringing",
            "in-progress, -,                    -,  NOT_FINAL, -,         in-progress",
            "answered,    -,                    -,  NOT_FINAL, -,         answered",
            "exploded,    -,                    -,  UNKNOWN,   -,         exploded",
    })
    void classifies(String status, String answeredBy, Integer duration, Classification.Kind kind, String outcome,
            String reason) {
        Classification c = TwilioCallStatus.classify(status, answeredBy, duration);
        assertEquals(kind, c.kind());
        if (outcome == null) {
            assertNull(c.outcome());
        } else {
            assertEquals(outcome, c.outcome().name());
        }
        assertEquals(reason, c.reason());
    }
}
