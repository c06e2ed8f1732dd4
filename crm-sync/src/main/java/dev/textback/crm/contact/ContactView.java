package dev.textback.crm.contact;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A contact as the REST API shows it; {@code timeline} only on the single-contact endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(
        String contactId,
        String businessId,
        String phone,
        Instant firstSeen,
        Instant lastSeen,
        boolean optedOut,
        List<String> tags,
        List<TimelineEntry> timeline) {

    static ContactView of(ContactEntity c, List<String> tags, List<TimelineEntry> timeline) {
        return new ContactView(c.id, c.businessId, c.phone, c.firstSeen, c.lastSeen, c.optedOut, tags, timeline);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(Instant at, String kind, String refId, String detail) {
    }
}
