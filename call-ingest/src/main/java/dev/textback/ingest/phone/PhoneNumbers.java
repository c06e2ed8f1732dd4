package dev.textback.ingest.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** E.164 normalization of what phone systems send, and masking for logs. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** What carriers and PBXs put in the caller field when the number is withheld. */
    private static final Set<String> WITHHELD = Set.of("", "unknown", "anonymous", "restricted", "private",
            "withheld", "unavailable", "blocked", "null");
    private static final Pattern BARE_DIGITS = Pattern.compile("\\d{8,15}");
    private static final String NANP_COUNTRY_CODE = "1";

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
        Optional<String> nanp = nanp(trimmed);
        return nanp.isPresent() ? nanp : parsed(trimmed, defaultRegion);
    }

    /** The full path: everything libphonenumber's parser can read. */
    static Optional<String> parsed(String trimmed, String defaultRegion) {
        if (BARE_DIGITS.matcher(trimmed).matches()) {
            Optional<String> international = parse("+" + trimmed, defaultRegion);
            if (international.isPresent()) {
                return international;
            }
        }
        return parse(trimmed, defaultRegion);
    }

    /**
     * The shortcut for the numbers most calls carry: North American numbers written as plain digits
     * (+1NXXNXXXXXX, or 1NXXNXXXXXX as Vonage sends them; ten bare digits are not taken here, they
     * are read as international first). Parsing is the costliest step of a webhook
     * (libphonenumber's regular expressions), and for these forms it cannot find anything but
     * country code 1 and the ten digits (an area code never starts with 0 or 1, so there is no
     * national prefix to strip); only the validation is left to libphonenumber. Anything else, or
     * a number it finds invalid, takes the full path, so every doubtful case is decided exactly as
     * before (PhoneNumbersTest compares both paths on many generated numbers).
     */
    static Optional<String> nanp(String text) {
        int start;
        int length = text.length();
        if (length == 12 && text.charAt(0) == '+' && text.charAt(1) == '1') {
            start = 2;
        } else if (length == 11 && text.charAt(0) == '1') {
            start = 1;
        } else {
            return Optional.empty();
        }
        long national = 0;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            national = national * 10 + (c - '0');
        }
        if (text.charAt(start) < '2') {
            return Optional.empty();
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(1).setNationalNumber(national);
        if (!UTIL.isValidNumber(number)) {
            return Optional.empty();
        }
        return Optional.of("+" + NANP_COUNTRY_CODE + text.substring(start));
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
