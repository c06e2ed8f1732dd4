package dev.textback.crm.business;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.crm.business.BusinessRequest.FollowUpRequest;
import dev.textback.crm.business.BusinessRequest.HoursRequest;
import dev.textback.crm.business.BusinessRequest.TemplateRequest;
import dev.textback.crm.business.BusinessRequest.WindowRequest;
import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.OpeningHours;
import dev.textback.crm.events.TextTemplate;
import dev.textback.crm.events.TextingWindow;
import dev.textback.crm.web.FieldError;
import dev.textback.crm.web.Validated;

class BusinessValidatorTest {

    private static BusinessRequest minimal() {
        return new BusinessRequest(null, "Bright Smile Dental", null, "America/New_York", List.of("(212) 555-0147"),
                null, null, "Sorry we missed you! Reply STOP to opt out.", new BigDecimal("180"),
                new BigDecimal("99"), null, null, null, null, null, null, null, null, null);
    }

    @Test
    void minimalRequestGetsTheDefaultsAndE164Numbers() {
        Validated<BusinessSettings> v = BusinessValidator.validate(minimal());
        assertTrue(v.isValid(), v.errors().toString());
        BusinessSettings s = v.value();
        assertNull(s.businessId());
        assertEquals("US", s.country());
        assertEquals("USD", s.currency());
        assertEquals(24, s.dedupeWindowHours());
        assertEquals(30, s.attributionWindowDays());
        assertTrue(s.enabled());
        assertEquals(List.of("+12125550147"), s.numbers());
        assertEquals(List.of(new TextTemplate("A", "Sorry we missed you! Reply STOP to opt out.", 1)), s.templates());
    }

    @Test
    void numbersAreReadWithTheBusinessCountry() {
        BusinessRequest r = new BusinessRequest("uk-clinic", "Clinic", "GB", "Europe/London",
                List.of("020 7183 8750"), "07400 123456", null, "Hi", BigDecimal.ONE, BigDecimal.ONE, "gbp", 0, 365,
                false, null, null, null, null, null);
        BusinessSettings s = BusinessValidator.validate(r).orThrow();
        assertEquals(List.of("+442071838750"), s.numbers());
        assertEquals("+447400123456", s.forwardTo());
        assertEquals("GBP", s.currency());
        assertFalse(s.enabled());
    }

    @Test
    void everyMissingRequiredFieldIsNamed() {
        BusinessRequest r = new BusinessRequest(null, " ", null, null, List.of(), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertEquals(List.of("name", "timeZone", "numbers", "templates", "averageClientValue", "monthlyCost"),
                fields(BusinessValidator.validate(r).errors()));
        assertEquals(List.of("body"), fields(BusinessValidator.validate(null).errors()));
    }

    @Test
    void formatsAndRangesAreChecked() {
        BusinessRequest r = new BusinessRequest("Not_Valid!", "Shop", "ZZ", "+02:00", List.of("+12125550147"),
                null, null, "Hi", new BigDecimal("-1"), new BigDecimal("1.23456"), "XYZ", 721, 0, null, null, null, null, null, null);
        assertEquals(List.of("businessId", "country", "timeZone", "averageClientValue", "monthlyCost", "currency",
                "dedupeWindowHours", "attributionWindowDays"), fields(BusinessValidator.validate(r).errors()));
    }

    @Test
    void badAndRepeatedNumbersAreNamedByIndex() {
        BusinessRequest r = new BusinessRequest(null, "Shop", "US", "America/Chicago",
                List.of("+12125550147", "12", "212-555-0147"), "nope", null, "Hi", BigDecimal.ONE, BigDecimal.ONE,
                null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("numbers[1]", "numbers[2]", "forwardTo"), fields(BusinessValidator.validate(r).errors()));
    }

    @Test
    void templateRules() {
        String tooLong = "x".repeat(BusinessValidator.MAX_BODY + 1);
        BusinessRequest r = new BusinessRequest(null, "Shop", null, "UTC", List.of("+12125550147"), null,
                List.of(new TemplateRequest("A", "ok", 2), new TemplateRequest("A", tooLong, 0),
                        new TemplateRequest(null, " ", null)),
                null, BigDecimal.ONE, BigDecimal.ONE, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("templates[1].variant", "templates[1].body", "templates[1].weight",
                "templates[2].variant", "templates[2].body"), fields(BusinessValidator.validate(r).errors()));

        BusinessRequest both = new BusinessRequest(null, "Shop", null, "UTC", List.of("+12125550147"), null,
                List.of(new TemplateRequest("A", "ok", 1)), "also", BigDecimal.ONE, BigDecimal.ONE, null, null, null,
                null, null, null, null, null, null);
        assertEquals(List.of("template"), fields(BusinessValidator.validate(both).errors()));

        BusinessRequest weights = new BusinessRequest(null, "Shop", null, "UTC", List.of("+12125550147"), null,
                List.of(new TemplateRequest("A", "one", 3), new TemplateRequest("B", "two", null)), null,
                BigDecimal.ONE, BigDecimal.ONE, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of(new TextTemplate("A", "one", 3), new TextTemplate("B", "two", 1)),
                BusinessValidator.validate(weights).orThrow().templates());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void schedulingSettingsAreNormalizedAndPublishedAsGiven() {
        BusinessRequest r = withSettings(
                List.of(new HoursRequest("monday", "08:00", "12:00"), new HoursRequest("MONDAY", "13:00", "17:30")),
                new WindowRequest("09:00", "19:00"),
                List.of(new FollowUpRequest(1, 1440, "Still need help from {business}? Book: {booking_link}"),
                        new FollowUpRequest(2, 4320, "Last note from {business}.")),
                15, "https://cal.example.com/bright-smile", "Hi from {business}, book at {booking_link}");
        BusinessSettings s = BusinessValidator.validate(r).orThrow();
        assertEquals(List.of(new OpeningHours("MONDAY", "08:00", "12:00"), new OpeningHours("MONDAY", "13:00", "17:30")),
                s.hours());
        assertEquals(new TextingWindow("09:00", "19:00"), s.textingWindow());
        assertEquals(2, s.followUps().size());
        assertEquals(new FollowUpStep(2, 4320, "Last note from {business}."), s.followUps().get(1));
        assertEquals(15, s.ringTimeoutSeconds());
        assertEquals("https://cal.example.com/bright-smile", s.bookingLink());

        BusinessSettings defaults = BusinessValidator.validate(minimal()).orThrow();
        assertEquals(List.of(), defaults.hours());
        assertNull(defaults.textingWindow());
        assertEquals(List.of(), defaults.followUps());
        assertEquals(20, defaults.ringTimeoutSeconds());
        assertNull(defaults.bookingLink());
    }

    @Test
    void everyBadSchedulingSettingIsNamed() {
        BusinessRequest r = withSettings(
                List.of(new HoursRequest("Funday", "8:00", "17:00"), new HoursRequest("TUESDAY", "18:00", "09:00")),
                new WindowRequest("21:00", "21:00"),
                List.of(new FollowUpRequest(2, 4, ""), new FollowUpRequest(2, 20_161, "Hi {first_name}")),
                61, "ftp://example.com/book", "Hi {name}");
        assertEquals(List.of("bookingLink", "template", "hours[0].day", "hours[0].opens", "hours[1].closes",
                "textingWindow.end", "followUps[0].step", "followUps[0].delayMinutes", "followUps[0].body",
                "followUps[1].delayMinutes", "followUps[1].body", "ringTimeoutSeconds"),
                fields(BusinessValidator.validate(r).errors()));
    }

    @Test
    void bookingLinkPlaceholderNeedsALinkAndFollowUpsAreCapped() {
        BusinessRequest r = withSettings(List.of(), null,
                List.of(new FollowUpRequest(1, 60, "Book: {booking_link}")), null, null, "Book: {booking_link}");
        assertEquals(List.of("template", "followUps[0].body"), fields(BusinessValidator.validate(r).errors()));

        List<FollowUpRequest> six = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> new FollowUpRequest(i, 60, "step " + i)).toList();
        assertEquals(List.of("followUps"), fields(BusinessValidator.validate(withSettings(List.of(), null, six, null,
                null, "Hi")).errors()));
        assertEquals(List.of("bookingLink"), fields(BusinessValidator.validate(withSettings(List.of(), null, null,
                null, "https://" + "x".repeat(500) + ".com", "Hi")).errors()));
    }

    private static BusinessRequest withSettings(List<HoursRequest> hours, WindowRequest window,
            List<FollowUpRequest> followUps, Integer ringTimeout, String bookingLink, String template) {
        return new BusinessRequest(null, "Shop", null, "UTC", List.of("+12125550147"), null, null, template,
                BigDecimal.ONE, BigDecimal.ONE, null, null, null, null, hours, window, followUps, ringTimeout,
                bookingLink);
    }
}
