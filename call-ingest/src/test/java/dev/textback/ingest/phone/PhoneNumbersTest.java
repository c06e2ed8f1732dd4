package dev.textback.ingest.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

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
    void masksAllButTheLastFourDigits() {
        assertEquals("+*******0123", PhoneNumbers.mask("+14155550123"));
    }
}
