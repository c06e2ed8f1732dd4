package dev.textback.local.simulator;

import java.time.Instant;

/**
 * The simulator's time and sms-dispatch's, moved together: simulated time is real time plus an
 * offset, and both sides add the same offset, so a webhook stamped here and a decision taken there
 * agree to the millisecond. sms-dispatch accepts the move only when it runs with
 * {@code TEXTBACK_CLOCK_SETTABLE=true} (the local stack); the offset is 0 until the first move.
 */
final class SimClock {
    private final String smsDispatchUrl;
    private volatile long offsetMillis;

    SimClock(String smsDispatchUrl) {
        this.smsDispatchUrl = smsDispatchUrl;
    }

    Instant now() {
        return Instant.now().plusMillis(offsetMillis);
    }

    /** Both clocks read {@code to} from now on, and run on from there. */
    void moveTo(Instant to) {
        setOffset(to.toEpochMilli() - System.currentTimeMillis());
    }

    void backToRealTime() {
        setOffset(0);
    }

    private void setOffset(long offset) {
        Http.Reply reply = Http.putJson(smsDispatchUrl + "/api/admin/clock", "{\"offsetMillis\":" + offset + "}");
        if (reply.status() != 200) {
            throw new IllegalStateException("sms-dispatch refused to move its clock (is TEXTBACK_CLOCK_SETTABLE on?): "
                    + reply.status() + " " + reply.body());
        }
        offsetMillis = offset;
    }
}
