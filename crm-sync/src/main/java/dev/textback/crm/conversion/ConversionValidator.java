package dev.textback.crm.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.textback.crm.phone.PhoneNumbers;
import dev.textback.crm.web.FieldError;
import dev.textback.crm.web.Money;
import dev.textback.crm.web.Validated;

/** Request rules for conversions, pure so they are unit-tested without a database. */
public final class ConversionValidator {
    public static final Pattern TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");
    public static final int MAX_EXTERNAL_ID = 200;

    private ConversionValidator() {
    }

    /** The request with its phone in E.164 and currency upper-cased. */
    public record Normalized(String phone, String contactId, String type, java.math.BigDecimal value,
            String currency, java.time.Instant occurredAt, String externalId) {
    }

    public static Validated<Normalized> validate(ConversionRequest r, String businessCountry) {
        if (r == null) {
            return Validated.invalid(List.of(new FieldError("body", "a JSON object is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        String phone = null;
        String contactId = blankToNull(r.contactId());
        if (blankToNull(r.phone()) != null) {
            phone = PhoneNumbers.toE164(r.phone(), businessCountry).orElse(null);
            if (phone == null) {
                errors.add(new FieldError("phone", "is not a valid phone number"));
            }
        } else if (contactId == null) {
            errors.add(new FieldError("phone", "phone or contactId is required"));
        }
        String type = blankToNull(r.type());
        if (type == null) {
            errors.add(new FieldError("type", "is required, e.g. appointment_booked, form_completed, sale"));
        } else if (!TYPE.matcher(type).matches()) {
            errors.add(new FieldError("type", "must match " + TYPE.pattern()));
        }
        if (r.value() != null) {
            Money.check("value", r.value(), errors);
        }
        String currency = r.currency() == null ? null : r.currency().trim().toUpperCase(Locale.ROOT);
        if (currency != null && !Money.isCurrency(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }
        String externalId = r.externalId() == null ? null : r.externalId().trim();
        if (externalId != null && (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID)) {
            errors.add(new FieldError("externalId", "must be 1 to " + MAX_EXTERNAL_ID + " characters"));
        }
        if (!errors.isEmpty()) {
            return Validated.invalid(errors);
        }
        return Validated.ok(new Normalized(phone, contactId, type, r.value(), currency, r.occurredAt(), externalId));
    }

    public static Validated<ValuePatch> validate(ValuePatch p) {
        List<FieldError> errors = new ArrayList<>();
        if (p == null || p.value() == null) {
            errors.add(new FieldError("value", "is required"));
            return Validated.invalid(errors);
        }
        Money.check("value", p.value(), errors);
        String currency = p.currency() == null ? null : p.currency().trim().toUpperCase(Locale.ROOT);
        if (currency != null && !Money.isCurrency(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }
        return errors.isEmpty() ? Validated.ok(new ValuePatch(p.value(), currency)) : Validated.invalid(errors);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
