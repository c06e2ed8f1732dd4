package dev.textback.crm.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.textback.crm.business.BusinessService;
import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.phone.PhoneNumbers;
import dev.textback.crm.web.ProblemException;

/** Read side of contacts: who called, what tags they carry, and everything that happened with them. */
@Path("/api/businesses/{businessId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {
    public static final int MAX_LIMIT = 500;

    @Inject
    BusinessService businesses;
    @Inject
    ContactService contacts;

    /**
     * Contacts newest (first seen) first, filtered by tag, status and first-seen range, one page at a
     * time: pass the {@code nextCursor} of a page as {@code cursor} to get the next one.
     */
    @GET
    public ContactService.Page list(@PathParam("businessId") String businessId, @QueryParam("tag") String tag,
            @QueryParam("status") String status, @QueryParam("firstSeenFrom") String from,
            @QueryParam("firstSeenTo") String to, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        businesses.get(businessId);
        ContactQuery query = new ContactQuery(businessId, tag == null || tag.isBlank() ? null : tag.trim(),
                ContactQuery.Status.parse(status), instant("firstSeenFrom", from), instant("firstSeenTo", to),
                ContactQuery.Cursor.decode(cursor));
        return contacts.list(query, limit(limit));
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalid(field, "must be an ISO-8601 instant or date, e.g. 2026-03-01");
            }
        }
    }

    /** {@code phone} in any format the business's country understands; {@code +} may be sent as %2B. */
    @GET
    @Path("/{phone}")
    public ContactView get(@PathParam("businessId") String businessId, @PathParam("phone") String phone) {
        BusinessProfile business = businesses.get(businessId);
        String e164 = PhoneNumbers.toE164(phone, business.country())
                .orElseThrow(() -> ProblemException.invalid("phone", "is not a valid phone number"));
        ContactView view = contacts.get(businessId, e164);
        if (view == null) {
            throw ProblemException.notFound("Contact", PhoneNumbers.mask(e164));
        }
        return view;
    }

    /** Parsed by hand so a non-number is a 400 problem naming {@code limit}, not a bare 404. */
    public static int limit(String raw) {
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid("limit", "must be an integer between 1 and " + MAX_LIMIT);
    }
}
