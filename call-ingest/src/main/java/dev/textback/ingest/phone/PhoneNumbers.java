package dev.textback.ingest.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** E.164 normalization of what phone systems send, and masking for logs. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** What carriers and PBXs put in the caller field when the number is withheld. */
    private static final Set<String> WITHHELD = Set.of("", "unknown", "anonymous", "restricted", "private",
            "withheld", "unavailable", "blocked", "null");

    private PhoneNumbers() {
    }

    /**
     * The number in E.164, or empty when it is withheld or not a valid number. Vonage sends E.164
     * without the leading '+', so a bare run of 8 to 15 digits is read as international first.
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        if (WITHHELD.contains(trimmed.toLowerCase(Locale.ROOT)) || trimmed.length() > 40) {
            return Optional.empty();
        }
        if (trimmed.matches("\\d{8,15}")) {
            Optional<String> international = parse("+" + trimmed, defaultRegion);
            if (international.isPresent()) {
                return international;
            }
        }
        return parse(trimmed, defaultRegion);
    }

    private static Optional<String> parse(String text, String region) {
        try {
            PhoneNumber number = UTIL.parse(text, region);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Keeps the last four digits so logs can be correlated without exposing the number. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() <= 4) {
            return "****";
        }
        String tail = e164.substring(e164.length() - 4);
        return (e164.startsWith("+") ? "+" : "") + "*".repeat(Math.max(0, e164.length() - 5)) + tail;
    }
}
