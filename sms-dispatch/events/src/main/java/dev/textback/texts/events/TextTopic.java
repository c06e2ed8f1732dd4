package dev.textback.texts.events;

/** Names on the wire for the texts stream: one topic, several event types. */
public final class TextTopic {
    public static final String NAME = "textback.texts.v1";
    public static final String SOURCE = "/textback/sms-dispatch";
    public static final String TEXT_SENT = "textback.text.sent.v1";
    public static final String TEXT_STATUS_CHANGED = "textback.text.status-changed.v1";
    public static final String TEXT_SUPPRESSED = "textback.text.suppressed.v1";
    public static final String REPLY_RECEIVED = "textback.reply.received.v1";
    public static final String OPT_OUT_CHANGED = "textback.opt-out.changed.v1";

    private TextTopic() {
    }

    /** Same key as the calls topic, so a caller's calls and texts keep their order. */
    public static String key(String businessId, String phoneE164) {
        return businessId + ":" + (phoneE164 == null ? "withheld" : phoneE164);
    }
}
