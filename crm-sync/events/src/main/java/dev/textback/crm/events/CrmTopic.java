package dev.textback.crm.events;

/** Names on the wire for the crm stream. */
public final class CrmTopic {
    public static final String NAME = "textback.crm.v1";
    public static final String SOURCE = "/textback/crm-sync";
    public static final String CONTACT_TAGGED = "textback.contact.tagged.v1";
    public static final String CONVERSION_RECORDED = "textback.conversion.recorded.v1";

    private CrmTopic() {
    }

    /** Same key as calls and texts, so a caller's conversion follows their texts in order. */
    public static String key(String businessId, String phoneE164) {
        return businessId + ":" + (phoneE164 == null ? "unknown" : phoneE164);
    }
}
