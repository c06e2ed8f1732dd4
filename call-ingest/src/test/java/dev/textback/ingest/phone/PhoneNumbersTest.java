package dev.textback.ingest.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    @Test
    void vonageNumbersWithoutPlusAreInternational() {
        assertEquals(Optional.of("+447911123456"), PhoneNumbers.toE164("447911123456", "US"));
        assertEquals(Optional.of("+14155550123"), PhoneNumbers.toE164("14155550123", "US"));
    }

    @Test
    void localNumbersUseTheRegion() {
        assertEquals(Optional.of("+14155550123"), PhoneNumbers.toE164("(415) 555-0123", "US"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Restricted", "ANONYMOUS", "unknown", "private", "12", "not a number"})
    void withheldOrInvalidCallersAreEmpty(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.toE164(raw, "US"));
    }

    @Test
    void theNorthAmericanShortcutAgreesWithTheFullParserOnGeneratedNumbers() {
        Random random = new Random(20261127L);
        int shortcutTaken = 0;
        for (int i = 0; i < 20_000; i++) {
            String digits = digits(random, 10);
            String raw = switch (i % 4) {
                case 0 -> "1" + digits;
                case 1 -> "+1" + digits;
                case 2 -> "1" + digits(random, 9 + random.nextInt(3));
                default -> "+1" + digits.substring(0, 9) + (char) ('0' + random.nextInt(12));
            };
            for (String region : new String[] {"US", "CA", "GB"}) {
                assertEquals(PhoneNumbers.parsed(raw, region), PhoneNumbers.toE164(raw, region), raw + " in " + region);
            }
            if (PhoneNumbers.nanp(raw).isPresent()) {
                shortcutTaken++;
            }
        }
        assertTrue(shortcutTaken > 5_000, "the shortcut is taken for most valid numbers: " + shortcutTaken);
    }

    private static String digits(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    @Test
    void masksAllButTheLastFourDigits() {
        assertEquals("+*******0123", PhoneNumbers.mask("+14155550123"));
    }
}
