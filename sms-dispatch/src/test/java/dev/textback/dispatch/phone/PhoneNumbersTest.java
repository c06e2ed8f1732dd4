package dev.textback.dispatch.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void vonageNumbersGainThePlus() {
        assertEquals(Optional.of("+15551234567"), PhoneNumbers.toE164("15551234567"));
        assertEquals(Optional.of("+447700900123"), PhoneNumbers.toE164("447700900123"));
        assertEquals(Optional.of("+15551234567"), PhoneNumbers.toE164("+1 (555) 123-4567"));
        assertEquals(Optional.of("+447700900123"), PhoneNumbers.toE164("00447700900123"));
    }

    @Test
    void nonNumbersAreRejected() {
        assertTrue(PhoneNumbers.toE164(null).isEmpty());
        assertTrue(PhoneNumbers.toE164("").isEmpty());
        assertTrue(PhoneNumbers.toE164("VONAGE").isEmpty());
        assertTrue(PhoneNumbers.toE164("123").isEmpty());
        assertTrue(PhoneNumbers.toE164("+0123456789").isEmpty());
    }

    @Test
    void masksAllButTheLastFour() {
        assertEquals("+1******4567", PhoneNumbers.mask("+15551234567"));
        assertEquals("withheld", PhoneNumbers.mask(null));
        assertEquals("15551234567", PhoneNumbers.withoutPlus("+15551234567"));
    }

    @org.junit.jupiter.api.Test
    void onlyCertainLandlinesAreLandlines() {
        org.junit.jupiter.api.Assertions.assertTrue(PhoneNumbers.isCertainlyLandline("+442079460123"), "London fixed line");
        org.junit.jupiter.api.Assertions.assertFalse(PhoneNumbers.isCertainlyLandline("+447700900123"), "UK mobile");
        org.junit.jupiter.api.Assertions.assertFalse(PhoneNumbers.isCertainlyLandline("+12122001234"),
                "North American numbers are fixed line or mobile: never certain");
        org.junit.jupiter.api.Assertions.assertFalse(PhoneNumbers.isCertainlyLandline("+15550001234"), "unknown type");
        org.junit.jupiter.api.Assertions.assertFalse(PhoneNumbers.isCertainlyLandline(null));
    }
}
