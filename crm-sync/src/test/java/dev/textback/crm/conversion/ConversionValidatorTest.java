package dev.textback.crm.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.crm.web.FieldError;
import dev.textback.crm.web.Validated;

class ConversionValidatorTest {

    @Test
    void phoneInNationalFormatIsReadWithTheBusinessCountry() {
        Validated<ConversionValidator.Normalized> v = ConversionValidator.validate(
                new ConversionRequest("(212) 555-0147", null, "sale", new BigDecimal("12.5"), "eur", null, "x-1"),
                "US");
        assertTrue(v.isValid(), v.errors().toString());
        assertEquals("+12125550147", v.value().phone());
        assertEquals("EUR", v.value().currency());
        assertEquals("x-1", v.value().externalId());
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Validated<ConversionValidator.Normalized> v = ConversionValidator.validate(
                new ConversionRequest("not a phone", null, " ", new BigDecimal("-1"), "DOLLARS", null, ""), "US");
        assertEquals(List.of("phone", "type", "value", "currency", "externalId"), fields(v.errors()));
    }

    @Test
    void phoneOrContactIdIsRequired() {
        Validated<ConversionValidator.Normalized> v = ConversionValidator.validate(
                new ConversionRequest(null, null, "sale", null, null, null, null), "US");
        assertEquals(List.of("phone"), fields(v.errors()));
        assertTrue(ConversionValidator.validate(new ConversionRequest(null, "c-1", "sale", null, null, null, null), "US")
                .isValid());
    }

    @Test
    void valueMustFitTheMoneyColumn() {
        assertEquals(List.of("value"), fields(ConversionValidator.validate(
                new ConversionRequest("+12125550147", null, "sale", new BigDecimal("1.00001"), null, null, null), "US")
                .errors()));
        assertEquals(List.of("value"), fields(ConversionValidator.validate(
                new ConversionRequest("+12125550147", null, "sale", new BigDecimal("1E+11"), null, null, null), "US")
                .errors()));
    }

    @Test
    void aValuePatchNeedsANonNegativeValue() {
        assertEquals(List.of("value"), fields(ConversionValidator.validate(new ValuePatch(null, null)).errors()));
        assertEquals(List.of("value"), fields(ConversionValidator.validate((ValuePatch) null).errors()));
        assertEquals(List.of("value"),
                fields(ConversionValidator.validate(new ValuePatch(new BigDecimal("-5"), null)).errors()));
        assertTrue(ConversionValidator.validate(new ValuePatch(new BigDecimal("420"), "usd")).isValid());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
