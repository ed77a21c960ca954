package org.eldercare.alert.detection;

import org.eldercare.alert.alert.AlertKind;
import org.eldercare.contracts.CareCircle.SafeZone;
import org.eldercare.contracts.CareCircle.VitalThresholds;
import org.eldercare.contracts.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DetectorsTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    void fallOpensExactlyWhenTheCancelWindowEnds() {
        long t = 1_763_712_000_000L;
        assertEquals(Instant.ofEpochMilli(t + 30_000), FallCancelWindow.confirmAt(t, t, WINDOW));
        // 5 s in transit by the watch's clock: 25 s remain
        assertEquals(Instant.ofEpochMilli(t + 5_000 + 25_000), FallCancelWindow.confirmAt(t, t + 5_000, WINDOW));
        // window just used up in transit / buffered for hours: open at once
        assertEquals(Instant.ofEpochMilli(t + 30_000), FallCancelWindow.confirmAt(t, t + 30_000, WINDOW));
        assertEquals(Instant.ofEpochMilli(t + 29_999 + 1), FallCancelWindow.confirmAt(t, t + 29_999, WINDOW));
        assertEquals(Instant.ofEpochMilli(t + 3_600_000), FallCancelWindow.confirmAt(t, t + 3_600_000, WINDOW));
        // a watch clock running ahead never lengthens the window
        assertEquals(Instant.ofEpochMilli(t + 30_000), FallCancelWindow.confirmAt(t + 60_000, t, WINDOW));
    }

    private final CheckInSchedule schedule = new CheckInSchedule(ZoneId.of("Asia/Shanghai"));
    private final LocalTime ten = LocalTime.of(10, 0);

    @Test
    void nextDeadlineIsTodayUntilItsMinuteThenTomorrow() {
        // 09:59:59 Shanghai = 01:59:59Z
        assertEquals(Instant.parse("2026-12-05T02:00:00Z"), schedule.nextDeadlineAfter(ten, Instant.parse("2026-12-05T01:59:59Z")));
        // exactly at the deadline: it is no longer "after", so the next is tomorrow's
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.nextDeadlineAfter(ten, Instant.parse("2026-12-05T02:00:00Z")));
        // local midnight boundary: 23:59 local on the 5th is 15:59Z
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.nextDeadlineAfter(ten, Instant.parse("2026-12-05T15:59:00Z")));
    }

    @Test
    void aChangedDeadlineKeepsThePendingDayAndTakesTheNewTime() {
        CheckInSchedule schedule = new CheckInSchedule(ZoneId.of("Asia/Shanghai"));
        Instant todayTen = Instant.parse("2026-12-05T02:00:00Z");      // 10:00 Shanghai
        Instant tomorrowTen = Instant.parse("2026-12-06T02:00:00Z");
        Instant nine = Instant.parse("2026-12-05T01:00:00Z");          // 09:00 Shanghai
        // today still open: 10:00 -> 11:00 watches today at 11:00, not today at 10:00
        assertEquals(Instant.parse("2026-12-05T03:00:00Z"), schedule.movedDeadline(todayTen, LocalTime.of(11, 0), nine));
        // today already checked in (pending is tomorrow's): tomorrow at the new time
        assertEquals(Instant.parse("2026-12-06T03:00:00Z"), schedule.movedDeadline(tomorrowTen, LocalTime.of(11, 0), nine));
        // moved earlier to a time already past today: no retroactive alert, tomorrow's 08:00
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), schedule.movedDeadline(todayTen, LocalTime.of(8, 0), nine));
        // unchanged time: unchanged deadline
        assertEquals(todayTen, schedule.movedDeadline(todayTen, LocalTime.of(10, 0), nine));
    }

    private static final Duration SIX_HOURS = Duration.ofHours(6);

    @Test
    void aNewlyEnrolledElderIsNotHeldToADeadlineMinutesAway() {
        // enrolled 09:55 local (01:55Z) with a 10:00 deadline: the first is tomorrow's
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T01:55:00Z"), SIX_HOURS));
        // enrolled 04:00 local (20:00Z the day before): 10:00 is exactly six hours away, so it counts today
        assertEquals(Instant.parse("2026-12-05T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-04T20:00:00Z"), SIX_HOURS));
        // one second later it is less than the grace away: tomorrow
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-04T20:00:01Z"), SIX_HOURS));
        // enrolled in the evening (20:00 local = 12:00Z): tomorrow's 10:00 is 14 h away, well past the grace
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T12:00:00Z"), SIX_HOURS));
        // enrolled at 23:00 local (15:00Z): tomorrow's 10:00 is 11 h away
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T15:00:00Z"), SIX_HOURS));
        // enrolled at 06:00 local on the 6th (22:00Z on the 5th): that day's 10:00 is 4 h away, so the 7th's
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T22:00:00Z"), SIX_HOURS));
    }

    @Test
    void aGraceLongerThanADayOrNoneAtAll() {
        // 30 h of grace from 09:00 local on the 5th (01:00Z): no sooner than 15:00 local on the 6th, so the 7th
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T01:00:00Z"),
                Duration.ofHours(30)));
        // no grace: the next deadline strictly after enrolment, as for any elder
        assertEquals(Instant.parse("2026-12-05T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T01:59:59Z"), Duration.ZERO));
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.firstDeadline(ten, Instant.parse("2026-12-05T02:00:00Z"), Duration.ZERO));
        // a deadline late in the day, grace crossing local midnight: enrolled 20:00 local, deadline 01:00, grace 6 h
        // -> no sooner than 02:00 local on the 6th, so 01:00 local on the 7th (17:00Z on the 6th)
        assertEquals(Instant.parse("2026-12-06T17:00:00Z"), schedule.firstDeadline(LocalTime.of(1, 0), Instant.parse("2026-12-05T12:00:00Z"),
                SIX_HOURS));
    }

    @Test
    void aCheckInCountsForItsLocalDayEvenAfterTheDeadline() {
        // 00:00:01 local on the 6th (16:00:01Z on the 5th) satisfies the 6th: next is the 7th
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), schedule.nextDeadlineAfterCheckIn(ten, Instant.parse("2026-12-05T16:00:01Z")));
        // 23:59:59 local on the 5th satisfies the 5th: next is the 6th
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), schedule.nextDeadlineAfterCheckIn(ten, Instant.parse("2026-12-05T15:59:59Z")));
    }

    @Test
    void deadlinesParseOrAreIgnored() {
        assertEquals(LocalTime.of(9, 30), CheckInSchedule.parseDeadline("09:30").orElseThrow());
        assertTrue(CheckInSchedule.parseDeadline("25:00").isEmpty());
        assertTrue(CheckInSchedule.parseDeadline(null).isEmpty());
        assertTrue(CheckInSchedule.parseDeadline(" ").isEmpty());
    }

    @Test
    void vitalBoundsAreInclusive() {
        VitalThresholds t = new VitalThresholds(45, 130, 90);
        assertEquals(Map.of(AlertKind.VITALS_HR_LOW, false, AlertKind.VITALS_HR_HIGH, false, AlertKind.VITALS_SPO2_LOW, false),
                VitalsRule.judge(t, 45, 90));
        assertEquals(true, VitalsRule.judge(t, 44, null).get(AlertKind.VITALS_HR_LOW));
        assertEquals(false, VitalsRule.judge(t, 130, null).get(AlertKind.VITALS_HR_HIGH));
        assertEquals(true, VitalsRule.judge(t, 131, null).get(AlertKind.VITALS_HR_HIGH));
        assertEquals(true, VitalsRule.judge(t, null, 89).get(AlertKind.VITALS_SPO2_LOW));
        assertFalse(VitalsRule.judge(t, null, 89).containsKey(AlertKind.VITALS_HR_LOW), "absent values are not judged");
        assertTrue(VitalsRule.judge(new VitalThresholds(null, null, null), 20, 50).isEmpty(), "unset bounds are not checked");
        assertTrue(VitalsRule.judge(null, 20, 50).isEmpty());
        assertTrue(VitalsRule.judge(t, 0, 0).isEmpty(), "0 = no reading (sensor off the skin)");
    }

    @Test
    void sustainedMeansLastingAndStillSeen() {
        Instant since = Instant.parse("2026-12-05T00:00:00Z");
        Duration sustain = Duration.ofMinutes(2);
        Duration stale = Duration.ofMinutes(1);
        assertTrue(SustainedCondition.confirmed(since, since.plus(sustain), since.plus(sustain), sustain, stale));
        assertFalse(SustainedCondition.confirmed(since, since, since.plus(sustain).minusMillis(1), sustain, stale));
        assertTrue(SustainedCondition.confirmed(since, since.plus(Duration.ofMinutes(1)), since.plus(sustain), sustain, stale),
                "last out-of-bounds reading exactly staleAfter ago still counts");
        assertFalse(SustainedCondition.confirmed(since, since.plus(Duration.ofMinutes(1)).minusMillis(1), since.plus(sustain), sustain, stale));
    }

    @Test
    void safeZoneIsLeftOnlyBeyondRadiusPlusAccuracy() {
        GeoPoint home = new GeoPoint(39.9071, 116.2105, null);
        SafeZone zone = new SafeZone(true, home, 1000);
        // ~1 degree of latitude = 111.195 km; 0.0099 deg ~ 1100.8 m north
        GeoPoint p = new GeoPoint(39.9071 + 0.0099, 116.2105, null);
        double d = SafeZoneRule.distanceMeters(home, p);
        assertEquals(1100.8, d, 1.0);
        assertTrue(SafeZoneRule.outside(zone, p));
        assertFalse(SafeZoneRule.outside(zone, new GeoPoint(p.lat(), p.lon(), 150.0)), "could still be inside given accuracy");
        assertTrue(SafeZoneRule.outside(zone, new GeoPoint(p.lat(), p.lon(), 50.0)));
        assertFalse(SafeZoneRule.outside(new SafeZone(true, home, (int) Math.ceil(d)), p), "on the boundary is inside");
        assertTrue(SafeZoneRule.outside(new SafeZone(true, home, (int) Math.floor(d)), p));
        assertFalse(SafeZoneRule.outside(new SafeZone(false, home, 1000), p), "disabled");
        assertFalse(SafeZoneRule.outside(null, p));
        assertFalse(SafeZoneRule.outside(zone, null));
    }
}
