package dev.textback.metrics.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.metrics.web.FieldError;
import dev.textback.metrics.web.ProblemException;

class PeriodTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 5, 20);

    @Test
    void defaultsToTheLastThirtyDaysThroughToday() {
        Period p = Period.parse(null, null).resolve(TODAY);
        assertEquals(LocalDate.of(2025, 4, 21), p.from());
        assertEquals(TODAY, p.to());
        assertEquals(30, p.days());
    }

    @Test
    void aMissingEndIsTodayAndAMissingStartIsThirtyDaysBeforeTheEnd() {
        assertEquals(new Period(LocalDate.of(2025, 5, 1), TODAY), Period.parse("2025-05-01", "").resolve(TODAY));
        assertEquals(new Period(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 31)),
                Period.parse(null, "2025-01-31").resolve(TODAY));
    }

    @Test
    void refusesMalformedDatesNamingEachParameter() {
        ProblemException e = assertThrows(ProblemException.class, () -> Period.parse("2025-1-5", "2025-02-30"));
        assertEquals(400, e.problem().status());
        assertEquals(List.of("from", "to"), e.problem().errors().stream().map(FieldError::field).toList());
        assertThrows(ProblemException.class, () -> Period.parse("yesterday", null));
        assertThrows(ProblemException.class, () -> Period.parse("1969-12-31", null));
    }

    @Test
    void refusesFromAfterTo() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> Period.parse("2025-02-02", "2025-02-01").resolve(TODAY));
        assertEquals("from", e.problem().errors().get(0).field());
    }

    @Test
    void allowsAtMost366Days() {
        assertEquals(366, Period.parse("2024-01-01", "2024-12-31").resolve(TODAY).days());
        ProblemException e = assertThrows(ProblemException.class,
                () -> Period.parse("2024-01-01", "2025-01-01").resolve(TODAY));
        assertEquals(400, e.problem().status());
    }

    @Test
    void boundariesAreTheBusinessesMidnights() {
        Period p = new Period(LocalDate.of(2025, 3, 9), LocalDate.of(2025, 3, 9));
        ZoneId ny = ZoneId.of("America/New_York");
        // DST starts that day: 23 hours long
        assertEquals("2025-03-09T05:00:00Z", p.start(ny).toString());
        assertEquals("2025-03-10T04:00:00Z", p.endExclusive(ny).toString());
    }
}
