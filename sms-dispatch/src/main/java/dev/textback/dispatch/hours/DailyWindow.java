package dev.textback.dispatch.hours;

import java.time.LocalTime;

/**
 * A part of a day, in minutes since local midnight: {@code [start, end)}, end at most 1440 (24:00).
 * Minutes are fine-grained enough for texting rules and make "24:00" expressible.
 */
public record DailyWindow(int start, int end) {
    public static final DailyWindow ALL_DAY = new DailyWindow(0, 1440);

    public DailyWindow {
        if (start < 0 || end > 1440 || start >= end) {
            throw new IllegalArgumentException("not a window: " + start + "-" + end);
        }
    }

    /** "08:00-21:00"; "24:00" is allowed as the end. */
    public static DailyWindow parse(String range) {
        String[] parts = range.strip().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HH:mm-HH:mm, got " + range);
        }
        return new DailyWindow(minutes(parts[0]), minutes(parts[1]));
    }

    /** "HH:mm" (or "24:00") to minutes since midnight. */
    public static int minutes(String hhmm) {
        String s = hhmm.strip();
        if ("24:00".equals(s)) {
            return 1440;
        }
        LocalTime t = LocalTime.parse(s);
        return t.getHour() * 60 + t.getMinute();
    }

    public boolean contains(LocalTime t) {
        int m = t.getHour() * 60 + t.getMinute();
        return m >= start && m < end;
    }

    /** The overlap of two windows, or null when they do not overlap. */
    public DailyWindow intersect(DailyWindow other) {
        int s = Math.max(start, other.start);
        int e = Math.min(end, other.end);
        return s < e ? new DailyWindow(s, e) : null;
    }

    public LocalTime startTime() {
        return LocalTime.of(start / 60, start % 60);
    }
}
