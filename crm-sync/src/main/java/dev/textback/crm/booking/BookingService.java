package dev.textback.crm.booking;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.business.BusinessService;
import dev.textback.crm.conversion.ConversionRequest;
import dev.textback.crm.conversion.ConversionService;
import dev.textback.crm.web.Problem;
import dev.textback.crm.web.ProblemException;
import dev.textback.crm.web.ProblemMappers;

/**
 * Booking webhooks: verify the signature with the business's secret, map the body to a conversion,
 * record it through {@link ConversionService} (idempotent by external id), all in one transaction.
 */
@ApplicationScoped
public class BookingService {
    private static final Logger LOG = Logger.getLogger(BookingService.class);

    @Inject
    BusinessService businesses;
    @Inject
    WebhookSecrets secrets;
    @Inject
    ConversionService conversions;
    @Inject
    ObjectMapper json;

    /** Null conversion: acknowledged and ignored (with the reason). */
    public record Result(ConversionService.Outcome outcome, String ignoredBecause) {
    }

    @Transactional
    public Result generic(String businessId, String signature, byte[] body) {
        businesses.find(businessId);
        Signatures.Check check = Signatures.verify(signature, body, secrets.valid(businessId, Instant.now()),
                Instant.now());
        reject(check, businessId, Signatures.HEADER);
        ConversionRequest r;
        try {
            r = json.readValue(body, ConversionRequest.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemMappers.problemOf(e));
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read");
        }
        if (r == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        if (r.externalId() == null || r.externalId().isBlank()) {
            // A webhook is retried by its sender: without a key, a retry would count the booking twice.
            throw ProblemException.invalid("externalId", "is required for webhooks (the booking's id in your tool)");
        }
        if (r.type() == null) {
            r = new ConversionRequest(r.phone(), r.contactId(), CalBookings.TYPE, r.value(), r.currency(),
                    r.occurredAt(), r.externalId());
        }
        return new Result(conversions.record(businessId, r), null);
    }

    @Transactional
    public Result cal(String businessId, String signature, byte[] body) {
        businesses.find(businessId);
        reject(Signatures.verifyCal(signature, body, secrets.valid(businessId, Instant.now())), businessId,
                Signatures.CAL_HEADER);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        CalBookings.Mapped mapped = CalBookings.map(root);
        if (mapped.conversion() == null) {
            LOG.infof("Cal.com webhook for %s ignored: %s", businessId, mapped.ignoredBecause());
            return new Result(null, mapped.ignoredBecause());
        }
        return new Result(conversions.record(businessId, mapped.conversion()), null);
    }

    private static void reject(Signatures.Check check, String businessId, String header) {
        if (check == Signatures.Check.VALID) {
            return;
        }
        LOG.warnf("booking webhook for %s refused: signature %s", businessId, check);
        String detail = switch (check) {
            case MISSING -> "The " + header + " header is missing";
            case MALFORMED -> "The " + header + " header must look like t=<unix seconds>,v1=<hex HMAC-SHA256>";
            case STALE -> "The signature timestamp is outside the " + Signatures.REPLAY_WINDOW.toMinutes()
                    + "-minute replay window";
            default -> "The signature does not match the business's webhook secret";
        };
        throw new ProblemException(Problem.of(401, "invalid-signature", "Invalid signature", detail));
    }
}
