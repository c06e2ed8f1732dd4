package dev.textback.crm.contact;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import dev.textback.crm.web.ProblemException;

/**
 * Filters of the contact list. {@code after} is the decoded cursor: the last contact of the
 * previous page (first seen, id), in the list's order.
 */
public record ContactQuery(String businessId, String tag, Status status, Instant firstSeenFrom, Instant firstSeenTo,
        Cursor after) {

    /** {@code active}: not opted out; {@code replied}: has a reply; {@code converted}: has a conversion. */
    public enum Status {
        ACTIVE, OPTED_OUT, REPLIED, CONVERTED;

        public static Status parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be active, opted-out, replied or converted");
            }
        }
    }

    /** Opaque to clients: base64url of {@code <first seen epoch micros>|<contact id>}. */
    public record Cursor(Instant firstSeen, String id) {
        public String encode() {
            long micros = firstSeen.getEpochSecond() * 1_000_000L + firstSeen.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(raw.trim()), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                long micros = Long.parseLong(text.substring(0, bar));
                String id = text.substring(bar + 1);
                if (id.isEmpty()) {
                    throw new IllegalArgumentException("empty id");
                }
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000), id);
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
    }
}
