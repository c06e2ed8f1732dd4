package dev.textback.crm.contact;

import java.util.List;

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

    @GET
    public List<ContactView> list(@PathParam("businessId") String businessId, @QueryParam("tag") String tag,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        businesses.get(businessId);
        return contacts.list(businessId, tag == null || tag.isBlank() ? null : tag.trim(), limit(limit));
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
