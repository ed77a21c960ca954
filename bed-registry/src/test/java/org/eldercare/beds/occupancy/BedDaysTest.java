package org.eldercare.beds.occupancy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BedDaysTest {

    static final LocalDate LONG_AFTER = LocalDate.of(2030, 1, 1);
    static final BedDays.Window NOV = BedDays.window(YearMonth.of(2026, 11), LONG_AFTER);

    static Instant sh(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BedDays.ZONE).toInstant();
    }

    @Test
    void admissionDayCountsDischargeDayDoesNot() {
        assertEquals(3, BedDays.count(sh("2026-11-10T15:00"), sh("2026-11-13T09:00"), NOV));
        assertEquals(0, BedDays.count(sh("2026-11-10T08:00"), sh("2026-11-10T20:00"), NOV));
        assertEquals(1, BedDays.count(sh("2026-11-10T23:59"), sh("2026-11-11T00:01"), NOV));
    }

    @Test
    void daysAreShanghaiDaysNotUtcDays() {
        // 2026-11-09T17:00Z is 01:00 on the 10th in Shanghai.
        assertEquals(3, BedDays.count(Instant.parse("2026-11-09T17:00:00Z"), sh("2026-11-13T09:00"), NOV));
    }

    @Test
    void staysAreClippedToTheMonth() {
        assertEquals(30, BedDays.count(sh("2026-10-20T10:00"), null, NOV));
        assertEquals(4, BedDays.count(sh("2026-10-20T10:00"), sh("2026-11-05T10:00"), NOV));
        assertEquals(2, BedDays.count(sh("2026-11-29T10:00"), sh("2026-12-03T10:00"), NOV));
        assertEquals(0, BedDays.count(sh("2026-10-01T10:00"), sh("2026-11-01T10:00"), NOV));
        assertEquals(0, BedDays.count(sh("2026-12-01T10:00"), null, NOV));
    }

    @Test
    void aRunningMonthCountsUpToAndIncludingToday() {
        BedDays.Window w = BedDays.window(YearMonth.of(2026, 12), LocalDate.of(2026, 12, 5));
        assertFalse(w.complete());
        assertEquals(5, w.days());
        assertEquals(5, BedDays.count(sh("2026-11-20T10:00"), null, w));
        assertEquals(1, BedDays.count(sh("2026-12-05T10:00"), null, w));
        assertTrue(BedDays.window(YearMonth.of(2026, 11), LocalDate.of(2026, 12, 1)).complete());
        assertEquals(30, NOV.days());
        assertEquals(29, BedDays.window(YearMonth.of(2028, 2), LONG_AFTER).days());
    }

    @Test
    void occupiesFollowsTheSameRule() {
        assertTrue(BedDays.occupies(sh("2026-11-10T15:00"), sh("2026-11-13T09:00"), LocalDate.of(2026, 11, 10)));
        assertTrue(BedDays.occupies(sh("2026-11-10T15:00"), sh("2026-11-13T09:00"), LocalDate.of(2026, 11, 12)));
        assertFalse(BedDays.occupies(sh("2026-11-10T15:00"), sh("2026-11-13T09:00"), LocalDate.of(2026, 11, 13)));
        assertFalse(BedDays.occupies(sh("2026-11-10T15:00"), null, LocalDate.of(2026, 11, 9)));
        assertTrue(BedDays.occupies(sh("2026-11-10T15:00"), null, LocalDate.of(2027, 1, 9)));
    }
}
