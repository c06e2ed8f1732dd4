package dev.textback.dispatch.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * When a text may go out, in the RECIPIENT's local time: the legal window (federal 8:00-21:00 by
 * default, stricter for some US states, see {@link StateWindows}), narrowed by the business's own
 * window. Quiet hours defer a text to the next allowed moment; they never drop it.
 * <p>
 * The recipient's time zone comes from the number (libphonenumber's area-code map). A number that
 * spans several zones must be inside the window in all of them, which errs on the side of the
 * recipient. A number without a known zone falls back to the business's time zone.
 */
public final class TextingHours {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    private static final int DAYS_AHEAD = 8;
    /** Copied once: {@code ZoneId.getAvailableZoneIds()} builds a new set of ~600 ids on every call. */
    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());
    /**
     * A number's zones, looked up once: parsing it and walking libphonenumber's prefix table cost more
     * than the rest of the texting-hours rules, and each text asks twice (when queued, when claimed).
     * Bounded by clearing, which only costs lookups again.
     */
    private static final Map<String, List<ZoneId>> ZONES_BY_NUMBER = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_NUMBERS = 50_000;

    private final DailyWindow legalDefault;

    /** @param legalDefault the window where no stricter state rule applies (federal: 08:00-21:00) */
    public TextingHours(DailyWindow legalDefault) {
        this.legalDefault = legalDefault;
    }

    /**
     * The earliest instant at or after {@code at} when this recipient may be texted.
     *
     * @param businessWindow the business's narrowing, or null
     */
    public Instant nextAllowed(String recipient, ZoneId businessZone, DailyWindow businessWindow, Instant at) {
        List<ZoneId> zones = zonesOf(recipient, businessZone);
        if (allowedIn(zones, recipient, businessWindow, at)) {
            return at;
        }
        List<Instant> candidates = new ArrayList<>();
        for (ZoneId zone : zones) {
            LocalDate day = at.atZone(zone).toLocalDate();
            for (int i = 0; i <= DAYS_AHEAD; i++) {
                LocalDate d = day.plusDays(i);
                Instant start = ZonedDateTime.of(d, window(recipient, d.getDayOfWeek(), businessWindow).startTime(),
                        zone).toInstant();
                if (start.isAfter(at)) {
                    candidates.add(start);
                }
            }
        }
        candidates.sort(null);
        for (Instant c : candidates) {
            if (allowedIn(zones, recipient, businessWindow, c)) {
                return c;
            }
        }
        return candidates.get(0); // zones too far apart to share a window: the first zone's opening
    }

    public boolean allowed(String recipient, ZoneId businessZone, DailyWindow businessWindow, Instant at) {
        return allowedIn(zonesOf(recipient, businessZone), recipient, businessWindow, at);
    }

    private boolean allowedIn(List<ZoneId> zones, String recipient, DailyWindow businessWindow, Instant at) {
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            if (!window(recipient, local.getDayOfWeek(), businessWindow).contains(local.toLocalTime())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The legal window of that day for this number, narrowed by the business. A business window that
     * does not overlap the legal one is ignored rather than deferring forever (crm-sync validates it).
     */
    DailyWindow window(String recipient, DayOfWeek day, DailyWindow businessWindow) {
        DailyWindow legal = StateWindows.forNumber(recipient).map(r -> r.on(day)).orElse(legalDefault)
                .intersect(legalDefault);
        if (legal == null) {
            legal = legalDefault;
        }
        if (businessWindow == null) {
            return legal;
        }
        DailyWindow narrowed = legal.intersect(businessWindow);
        return narrowed == null ? legal : narrowed;
    }

    /** The recipient's possible time zones, or the business's when the number does not tell. */
    public static List<ZoneId> zonesOf(String recipient, ZoneId fallback) {
        List<ZoneId> zones = recipient == null ? List.of() : ZONES_BY_NUMBER.get(recipient);
        if (zones == null) {
            zones = lookUpZones(recipient);
            if (ZONES_BY_NUMBER.size() >= MAX_CACHED_NUMBERS) {
                ZONES_BY_NUMBER.clear();
            }
            ZONES_BY_NUMBER.put(recipient, zones);
        }
        return zones.isEmpty() ? List.of(fallback) : zones;
    }

    private static List<ZoneId> lookUpZones(String recipient) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        try {
            for (String id : ZONES.getTimeZonesForNumber(UTIL.parse(recipient, "ZZ"))) {
                if (!PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id) && KNOWN_ZONES.contains(id)) {
                    zones.add(ZoneId.of(id));
                }
            }
        } catch (NumberParseException | RuntimeException unreadable) {
            // none: the caller falls back to the business's zone
        }
        return List.copyOf(zones);
    }
}
