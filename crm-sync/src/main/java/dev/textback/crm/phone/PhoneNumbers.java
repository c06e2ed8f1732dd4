package dev.textback.crm.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Every phone number crosses into this service through here, so the database only ever holds E.164.
 * "Possible" rather than "valid" on purpose: call-ingest forwards any possible caller number, and a
 * conversion must match the same caller even when libphonenumber's metadata does not know the range.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The number in E.164, read with {@code defaultRegion} when it has no country code; empty when unusable. */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            return e164.matches("^\\+[1-9][0-9]{6,14}$") ? Optional.of(e164) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Regions libphonenumber can parse with; a business country must be one of them. */
    public static boolean isSupportedRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region);
    }

    /** For logs: {@code +1******4567}. */
    public static String mask(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() <= 6) {
            return "****";
        }
        return phone.substring(0, 2) + "*".repeat(phone.length() - 6) + phone.substring(phone.length() - 4);
    }
}
