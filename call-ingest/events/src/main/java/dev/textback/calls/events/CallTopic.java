package dev.textback.calls.events;

/**
 * Names on the wire for the calls stream. The type string is versioned on its own, so a new
 * major version of an event never depends on a Java class name.
 */
public final class CallTopic {
    public static final String NAME = "textback.calls.v1";
    public static final String SOURCE = "/textback/call-ingest";
    public static final String CALL_ENDED = "textback.call.ended.v1";

    private CallTopic() {
    }

    /** Everything about one caller at one business lands on one partition, in order. */
    public static String key(String businessId, String callerE164) {
        return businessId + ":" + (callerE164 == null ? "withheld" : callerE164);
    }
}
