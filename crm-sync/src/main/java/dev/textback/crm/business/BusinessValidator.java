package dev.textback.crm.business;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.phone.PhoneNumbers;
import dev.textback.crm.web.FieldError;
import dev.textback.crm.web.Money;
import dev.textback.crm.web.Validated;

/**
 * The rules for a business profile, in one pure function so they are unit-tested without Quarkus.
 * It collects every error instead of stopping at the first, and applies the documented defaults.
 */
public final class BusinessValidator {
    public static final Pattern BUSINESS_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    public static final int MAX_NAME = 200;
    public static final int MAX_BODY = 480;
    public static final int MAX_VARIANT = 32;
    public static final int MAX_NUMBERS = 50;
    public static final int MAX_TEMPLATES = 20;

    public static final String DEFAULT_COUNTRY = "US";
    public static final String DEFAULT_CURRENCY = "USD";
    public static final int DEFAULT_DEDUPE_HOURS = 24;
    public static final int DEFAULT_ATTRIBUTION_DAYS = 30;

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private BusinessValidator() {
    }

    public static Validated<BusinessSettings> validate(BusinessRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            return Validated.invalid(List.of(new FieldError("body", "a JSON object is required")));
        }

        String businessId = blankToNull(r.businessId());
        if (businessId != null && !BUSINESS_ID.matcher(businessId).matches()) {
            errors.add(new FieldError("businessId", "must match " + BUSINESS_ID.pattern()));
        }

        String name = blankToNull(r.name());
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }

        String country = r.country() == null ? DEFAULT_COUNTRY : r.country().trim().toUpperCase(Locale.ROOT);
        boolean countryOk = country.matches("^[A-Z]{2}$") && PhoneNumbers.isSupportedRegion(country);
        if (!countryOk) {
            errors.add(new FieldError("country", "must be an ISO 3166 alpha-2 country code, e.g. US"));
        }

        String timeZone = blankToNull(r.timeZone());
        if (timeZone == null) {
            errors.add(new FieldError("timeZone", "is required"));
        } else if (!isIanaZone(timeZone)) {
            errors.add(new FieldError("timeZone", "must be an IANA time zone id, e.g. America/New_York"));
        }

        List<String> numbers = new ArrayList<>();
        if (r.numbers() == null || r.numbers().isEmpty()) {
            errors.add(new FieldError("numbers", "at least one number is required"));
        } else if (r.numbers().size() > MAX_NUMBERS) {
            errors.add(new FieldError("numbers", "at most " + MAX_NUMBERS + " numbers"));
        } else if (countryOk) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < r.numbers().size(); i++) {
                Optional<String> e164 = PhoneNumbers.toE164(r.numbers().get(i), country);
                if (e164.isEmpty()) {
                    errors.add(new FieldError("numbers[" + i + "]", "is not a valid phone number"));
                } else if (!seen.add(e164.get())) {
                    errors.add(new FieldError("numbers[" + i + "]", "is listed twice"));
                } else {
                    numbers.add(e164.get());
                }
            }
        }

        String forwardTo = null;
        if (blankToNull(r.forwardTo()) != null && countryOk) {
            forwardTo = PhoneNumbers.toE164(r.forwardTo(), country).orElse(null);
            if (forwardTo == null) {
                errors.add(new FieldError("forwardTo", "is not a valid phone number"));
            }
        }

        String bookingLink = SettingsRules.bookingLink(r.bookingLink(), errors);
        List<TextTemplate> templates = templates(r, bookingLink != null, errors);

        if (r.averageClientValue() == null) {
            errors.add(new FieldError("averageClientValue", "is required"));
        } else {
            Money.check("averageClientValue", r.averageClientValue(), errors);
        }
        if (r.monthlyCost() == null) {
            errors.add(new FieldError("monthlyCost", "is required"));
        } else {
            Money.check("monthlyCost", r.monthlyCost(), errors);
        }

        String currency = r.currency() == null ? DEFAULT_CURRENCY : r.currency().trim().toUpperCase(Locale.ROOT);
        if (!Money.isCurrency(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }

        int dedupe = r.dedupeWindowHours() == null ? DEFAULT_DEDUPE_HOURS : r.dedupeWindowHours();
        if (dedupe < 0 || dedupe > 720) {
            errors.add(new FieldError("dedupeWindowHours", "must be between 0 and 720"));
        }
        int attribution = r.attributionWindowDays() == null ? DEFAULT_ATTRIBUTION_DAYS : r.attributionWindowDays();
        if (attribution < 1 || attribution > 365) {
            errors.add(new FieldError("attributionWindowDays", "must be between 1 and 365"));
        }

        var hours = SettingsRules.hours(r.hours(), errors);
        var textingWindow = SettingsRules.textingWindow(r.textingWindow(), errors);
        var followUps = SettingsRules.followUps(r.followUps(), bookingLink != null, errors);
        int ringTimeout = SettingsRules.ringTimeout(r.ringTimeoutSeconds(), errors);

        if (!errors.isEmpty()) {
            return Validated.invalid(errors);
        }
        return Validated.ok(new BusinessSettings(businessId, name, country, timeZone, List.copyOf(numbers),
                forwardTo, templates, r.averageClientValue(), r.monthlyCost(), currency, dedupe, attribution,
                r.enabled() == null || r.enabled(), hours, textingWindow, followUps, ringTimeout, bookingLink));
    }

    private static List<TextTemplate> templates(BusinessRequest r, boolean hasBookingLink, List<FieldError> errors) {
        boolean hasList = r.templates() != null && !r.templates().isEmpty();
        boolean hasSingle = r.template() != null;
        if (hasList && hasSingle) {
            errors.add(new FieldError("template", "give either template or templates, not both"));
            return List.of();
        }
        if (hasSingle) {
            String body = blankToNull(r.template());
            if (body == null) {
                errors.add(new FieldError("template", "must not be blank"));
            } else if (body.length() > MAX_BODY) {
                errors.add(new FieldError("template", "must be at most " + MAX_BODY + " characters"));
            } else {
                SettingsRules.placeholders("template", body, hasBookingLink, errors);
            }
            return body == null ? List.of() : List.of(new TextTemplate("A", body, 1));
        }
        if (!hasList) {
            errors.add(new FieldError("templates", "at least one template is required (or a template string)"));
            return List.of();
        }
        if (r.templates().size() > MAX_TEMPLATES) {
            errors.add(new FieldError("templates", "at most " + MAX_TEMPLATES + " templates"));
            return List.of();
        }
        List<TextTemplate> out = new ArrayList<>();
        Set<String> variants = new HashSet<>();
        for (int i = 0; i < r.templates().size(); i++) {
            BusinessRequest.TemplateRequest t = r.templates().get(i);
            String at = "templates[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            String variant = blankToNull(t.variant());
            if (variant == null) {
                errors.add(new FieldError(at + ".variant", "is required"));
            } else if (variant.length() > MAX_VARIANT) {
                errors.add(new FieldError(at + ".variant", "must be at most " + MAX_VARIANT + " characters"));
            } else if (!variants.add(variant)) {
                errors.add(new FieldError(at + ".variant", "is used twice"));
            }
            String body = blankToNull(t.body());
            if (body == null) {
                errors.add(new FieldError(at + ".body", "is required"));
            } else if (body.length() > MAX_BODY) {
                errors.add(new FieldError(at + ".body", "must be at most " + MAX_BODY + " characters"));
            } else {
                SettingsRules.placeholders(at + ".body", body, hasBookingLink, errors);
            }
            int weight = t.weight() == null ? 1 : t.weight();
            if (weight < 1) {
                errors.add(new FieldError(at + ".weight", "must be >= 1"));
            }
            out.add(new TextTemplate(variant, body, weight));
        }
        return List.copyOf(out);
    }

    static boolean isIanaZone(String id) {
        // ZoneId.of also accepts offsets such as "+02:00"; only region ids follow daylight saving rules.
        return ZONES.contains(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
