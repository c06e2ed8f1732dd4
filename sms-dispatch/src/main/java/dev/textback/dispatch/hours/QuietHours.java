package dev.textback.dispatch.hours;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.textback.dispatch.business.Business;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link TextingHours} with this service's configuration and a business's settings. */
@ApplicationScoped
public class QuietHours {
    @ConfigProperty(name = "textback.texting-hours.default-window", defaultValue = "08:00-21:00")
    String defaultWindow;
    /** Off only for simulations that compress time (the local stack); never in production. */
    @ConfigProperty(name = "textback.texting-hours.enabled", defaultValue = "true")
    boolean enabled;

    private TextingHours hours;

    @PostConstruct
    void init() {
        hours = new TextingHours(DailyWindow.parse(defaultWindow));
    }

    /** The earliest moment at or after {@code at} when the business may text this recipient. */
    public Instant nextAllowed(Business business, String recipient, Instant at) {
        if (!enabled || business == null) {
            return at;
        }
        return hours.nextAllowed(recipient, zone(business), businessWindow(business), at);
    }

    static ZoneId zone(Business business) {
        try {
            return business.timeZone == null ? ZoneOffset.UTC : ZoneId.of(business.timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static DailyWindow businessWindow(Business business) {
        if (business.textingWindowStart == null || business.textingWindowEnd == null) {
            return null;
        }
        try {
            return new DailyWindow(DailyWindow.minutes(business.textingWindowStart),
                    DailyWindow.minutes(business.textingWindowEnd));
        } catch (RuntimeException invalid) {
            return null; // crm-sync validates; an unreadable window only means "no narrowing"
        }
    }
}
