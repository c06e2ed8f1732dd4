package dev.textback.local.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * When the simulator's callers may legally be texted, restated independently of sms-dispatch for the
 * few area codes the simulator dials: the federal 08:00-21:00 in the recipient's own time zone, the
 * stricter Washington 08:00-20:00 and Texas 09:00-21:00 (Sunday from noon) of docs/texting-hours.md.
 */
final class LegalHours {
    private record Area(ZoneId zone, LocalTime from, LocalTime to, LocalTime sundayFrom) {
    }

    private static final LocalTime EIGHT = LocalTime.of(8, 0);
    private static final LocalTime NINE_PM = LocalTime.of(21, 0);
    private static final Map<String, Area> AREAS = Map.of(
            "212", new Area(ZoneId.of("America/New_York"), EIGHT, NINE_PM, EIGHT),
            "617", new Area(ZoneId.of("America/New_York"), EIGHT, NINE_PM, EIGHT),
            "312", new Area(ZoneId.of("America/Chicago"), EIGHT, NINE_PM, EIGHT),
            "512", new Area(ZoneId.of("America/Chicago"), LocalTime.of(9, 0), NINE_PM, LocalTime.NOON),
            "303", new Area(ZoneId.of("America/Denver"), EIGHT, NINE_PM, EIGHT),
            "415", new Area(ZoneId.of("America/Los_Angeles"), EIGHT, NINE_PM, EIGHT),
            "206", new Area(ZoneId.of("America/Los_Angeles"), EIGHT, LocalTime.of(20, 0), EIGHT));

    private LegalHours() {
    }

    /** Whether a text to this E.164 number at this moment is inside the legal window (unknown area: true). */
    static boolean allows(String e164, Instant at) {
        Area area = e164.startsWith("+1") && e164.length() == 12 ? AREAS.get(e164.substring(2, 5)) : null;
        if (area == null) {
            return true;
        }
        ZonedDateTime local = at.atZone(area.zone());
        LocalTime from = local.getDayOfWeek() == DayOfWeek.SUNDAY ? area.sundayFrom() : area.from();
        LocalTime time = local.toLocalTime();
        return !time.isBefore(from) && time.isBefore(area.to());
    }
}
