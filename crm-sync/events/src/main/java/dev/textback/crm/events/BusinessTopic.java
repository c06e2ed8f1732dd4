package dev.textback.crm.events;

/**
 * The compacted businesses stream: the latest full profile of each business, keyed by its id.
 * A null value (tombstone) means the business was deleted.
 */
public final class BusinessTopic {
    public static final String NAME = "textback.businesses.v1";
    public static final String SOURCE = "/textback/crm-sync";
    public static final String BUSINESS_PROFILE = "textback.business.profile.v1";

    private BusinessTopic() {
    }
}
