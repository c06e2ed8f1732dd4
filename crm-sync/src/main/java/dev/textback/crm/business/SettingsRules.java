package dev.textback.crm.business;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.textback.crm.events.FollowUpStep;
import dev.textback.crm.events.OpeningHours;
import dev.textback.crm.events.TextingWindow;
import dev.textback.crm.web.FieldError;

/**
 * Rules for the scheduling and copy settings of a business (hours, texting window, follow-ups,
 * ring timeout, booking link, template placeholders). Split from {@link BusinessValidator} to keep
 * each rule set small; like it, every method collects errors named by their JSON path.
 */
final class SettingsRules {
    static final Pattern HH_MM = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final String BUSINESS = "business";
    static final String BOOKING_LINK = "booking_link";
    static final int MAX_HOURS = 21;
    static final int MAX_FOLLOW_UPS = 5;
    static final int MIN_DELAY_MINUTES = 5;
    static final int MAX_DELAY_MINUTES = 20_160;
    static final int MAX_FOLLOW_UP_BODY = 640;
    static final int MIN_RING_TIMEOUT = 5;
    static final int MAX_RING_TIMEOUT = 60;
    static final int MAX_BOOKING_LINK = 500;

    private SettingsRules() {
    }

    static List<OpeningHours> hours(List<BusinessRequest.HoursRequest> hours, List<FieldError> errors) {
        if (hours == null || hours.isEmpty()) {
            return List.of();
        }
        if (hours.size() > MAX_HOURS) {
            errors.add(new FieldError("hours", "at most " + MAX_HOURS + " intervals"));
            return List.of();
        }
        List<OpeningHours> out = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            BusinessRequest.HoursRequest h = hours.get(i);
            String at = "hours[" + i + "]";
            if (h == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            String day = day(h.day());
            if (day == null) {
                errors.add(new FieldError(at + ".day", "must be a day name, MONDAY .. SUNDAY"));
            }
            boolean timesOk = time(at + ".opens", h.opens(), errors) & time(at + ".closes", h.closes(), errors);
            if (timesOk && h.opens().compareTo(h.closes()) >= 0) {
                errors.add(new FieldError(at + ".closes", "must be after opens"));
            }
            out.add(new OpeningHours(day, h.opens(), h.closes()));
        }
        return List.copyOf(out);
    }

    static TextingWindow textingWindow(BusinessRequest.WindowRequest w, List<FieldError> errors) {
        if (w == null) {
            return null;
        }
        boolean ok = time("textingWindow.start", w.start(), errors) & time("textingWindow.end", w.end(), errors);
        if (ok && w.start().compareTo(w.end()) >= 0) {
            errors.add(new FieldError("textingWindow.end", "must be after start"));
        }
        return new TextingWindow(w.start(), w.end());
    }

    static List<FollowUpStep> followUps(List<BusinessRequest.FollowUpRequest> steps, boolean hasBookingLink,
            List<FieldError> errors) {
        if (steps == null || steps.isEmpty()) {
            return List.of();
        }
        if (steps.size() > MAX_FOLLOW_UPS) {
            errors.add(new FieldError("followUps", "at most " + MAX_FOLLOW_UPS + " steps"));
            return List.of();
        }
        List<FollowUpStep> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            BusinessRequest.FollowUpRequest s = steps.get(i);
            String at = "followUps[" + i + "]";
            if (s == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            if (s.step() == null || s.step() != i + 1) {
                errors.add(new FieldError(at + ".step", "must be " + (i + 1) + " (steps are 1..n in order)"));
            }
            if (s.delayMinutes() == null || s.delayMinutes() < MIN_DELAY_MINUTES
                    || s.delayMinutes() > MAX_DELAY_MINUTES) {
                errors.add(new FieldError(at + ".delayMinutes",
                        "must be between " + MIN_DELAY_MINUTES + " and " + MAX_DELAY_MINUTES + " (14 days)"));
            }
            String body = s.body() == null || s.body().isBlank() ? null : s.body().trim();
            if (body == null) {
                errors.add(new FieldError(at + ".body", "is required"));
            } else if (body.length() > MAX_FOLLOW_UP_BODY) {
                errors.add(new FieldError(at + ".body", "must be at most " + MAX_FOLLOW_UP_BODY + " characters"));
            } else {
                placeholders(at + ".body", body, hasBookingLink, errors);
            }
            out.add(new FollowUpStep(i + 1, s.delayMinutes() == null ? 0 : s.delayMinutes(), body));
        }
        return List.copyOf(out);
    }

    static int ringTimeout(Integer seconds, List<FieldError> errors) {
        if (seconds == null) {
            return dev.textback.crm.events.BusinessProfile.DEFAULT_RING_TIMEOUT_SECONDS;
        }
        if (seconds < MIN_RING_TIMEOUT || seconds > MAX_RING_TIMEOUT) {
            errors.add(new FieldError("ringTimeoutSeconds",
                    "must be between " + MIN_RING_TIMEOUT + " and " + MAX_RING_TIMEOUT));
        }
        return seconds;
    }

    /** The link trimmed, or null when absent; an error unless it is an absolute http(s) URL. */
    static String bookingLink(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String link = raw.trim();
        if (link.length() > MAX_BOOKING_LINK) {
            errors.add(new FieldError("bookingLink", "must be at most " + MAX_BOOKING_LINK + " characters"));
            return link;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new FieldError("bookingLink", "must be an absolute http or https URL"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("bookingLink", "must be an absolute http or https URL"));
        }
        return link;
    }

    /**
     * Only {@code {business}} and {@code {booking_link}} exist; anything else in braces would be sent
     * to a caller verbatim, so it is refused up front. {@code {booking_link}} needs a link to render.
     */
    static void placeholders(String field, String body, boolean hasBookingLink, List<FieldError> errors) {
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            String name = m.group(1);
            if (BOOKING_LINK.equals(name)) {
                if (!hasBookingLink) {
                    errors.add(new FieldError(field, "uses {booking_link} but bookingLink is not set"));
                    return;
                }
            } else if (!BUSINESS.equals(name)) {
                errors.add(new FieldError(field, "unknown placeholder {" + name
                        + "}: only {business} and {booking_link} are allowed"));
                return;
            }
        }
    }

    private static String day(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(raw.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean time(String field, String value, List<FieldError> errors) {
        if (value == null || !HH_MM.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be a time HH:mm (00:00 .. 23:59)"));
            return false;
        }
        return true;
    }
}
