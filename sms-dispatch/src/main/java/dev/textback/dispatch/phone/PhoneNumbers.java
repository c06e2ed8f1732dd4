package dev.textback.dispatch.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in and out of E.164. Vonage sends and expects numbers without the leading '+';
 * everything stored or published here carries it.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 with '+', or empty when it is not a possible phone number. Input without
     * '+' is read as international (that is how Vonage writes numbers). "Possible", not "valid":
     * test and newly allocated ranges are not in libphonenumber's metadata yet.
     */
    public static Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().replaceAll("[\\s().\\-]", "");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (!s.startsWith("+")) {
            s = "+" + s;
        }
        if (!s.matches("\\+[1-9][0-9]{6,14}")) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(s, "ZZ");
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * True only when libphonenumber is certain the number is a landline (type FIXED_LINE). North
     * American numbers are FIXED_LINE_OR_MOBILE (the numbering plan does not tell), so they are never
     * suppressed as landlines; neither are numbers it cannot classify.
     */
    public static boolean isCertainlyLandline(String e164) {
        if (e164 == null) {
            return false;
        }
        try {
            return UTIL.getNumberType(UTIL.parse(e164, "ZZ")) == PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** The number as Vonage wants it: digits only, no '+'. */
    public static String withoutPlus(String e164) {
        return e164 != null && e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** For logs: keeps the country's first digit and the last four, e.g. +1******4567. */
    public static String mask(String number) {
        if (number == null) {
            return "withheld";
        }
        String digits = number.startsWith("+") ? number.substring(1) : number;
        if (digits.length() <= 5) {
            return "+" + "*".repeat(digits.length());
        }
        return "+" + digits.charAt(0) + "*".repeat(digits.length() - 5) + digits.substring(digits.length() - 4);
    }
}
