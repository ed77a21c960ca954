package org.eldercare.simulators.district;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationOpsPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static StationOpsPlan plan(long seed, int elders, LocalDate today) {
        return StationOpsPlan.generate(DistrictPlan.generate(seed, elders, "t1"), today);
    }

    @Test
    void theSameSeedAndDayGiveTheSamePlanAndAnotherSeedAnother() {
        StationOpsPlan a = plan(42, 30, TODAY);
        StationOpsPlan b = plan(42, 30, TODAY);
        assertEquals(a.stations, b.stations);
        assertEquals(a.agreements, b.agreements);
        assertEquals(a.menu, b.menu);
        assertEquals(a.bookings, b.bookings);
        assertEquals(a.meals, b.meals);
        assertEquals(a.services, b.services);
        StationOpsPlan c = plan(43, 30, TODAY);
        assertNotEquals(a.meals, c.meals);
    }

    @Test
    void theStationsAreTheStreetsStationsOpenBeforeLastMonth() {
        DistrictPlan district = DistrictPlan.generate(42, 60, "t1");
        StationOpsPlan p = StationOpsPlan.generate(district, TODAY);
        assertEquals(district.streets.stream().map(DistrictPlan.Street::stationId).toList(),
                p.stations.stream().map(StationOpsPlan.Station::id).toList());
        for (StationOpsPlan.Station s : p.stations) {
            assertTrue(s.operatingSince().isBefore(LocalDate.of(2026, 11, 1)), s.toString());
            assertEquals(s.chainOperator() == null, s.chainJoinedOn() == null, s.toString());
            assertTrue(s.stars() >= 1 && s.stars() <= 4);
        }
    }

    @Test
    void everyElderHasOneAgreementAtTheirStreetsStation() {
        DistrictPlan district = DistrictPlan.generate(42, 60, "t1");
        StationOpsPlan p = StationOpsPlan.generate(district, TODAY);
        Map<String, String> stationOfElder = new HashMap<>();
        district.elders.forEach(e -> stationOfElder.put(e.key(), e.street().stationId()));
        assertEquals(district.elders.size(), p.agreements.size());
        assertEquals(stationOfElder.keySet(), p.agreements.stream().map(StationOpsPlan.Agreement::elderKey).collect(Collectors.toSet()));
        for (StationOpsPlan.Agreement a : p.agreements) {
            assertEquals(stationOfElder.get(a.elderKey()), a.stationId());
            assertTrue(a.startDate().isBefore(LocalDate.of(2026, 12, 1)), a.toString());
        }
        // some sign in the middle of last month, so the statement prorates them
        assertTrue(p.agreements.stream().anyMatch(a -> a.startDate().isAfter(LocalDate.of(2026, 11, 1))));
    }

    @Test
    void eachStationHasASubsidisableLunchTodayAndAWeeksMenu() {
        StationOpsPlan p = plan(42, 60, TODAY);
        for (StationOpsPlan.Station s : p.stations) {
            List<StationOpsPlan.Dish> mine = p.menu.stream().filter(d -> d.stationId().equals(s.id())).toList();
            assertTrue(mine.stream().anyMatch(d -> d.date().equals(TODAY) && d.meal().equals("LUNCH") && d.priceFen() > 500));
            assertEquals(7, mine.stream().map(StationOpsPlan.Dish::date).distinct().count());
            assertFalse(mine.stream().anyMatch(d -> d.date().isBefore(TODAY)));
        }
        assertTrue(p.bookings.stream().allMatch(b -> b.date().equals(TODAY) && b.meal().equals("LUNCH")));
    }

    @Test
    void theHistoryRunsFromTheFirstOfLastMonthToYesterdayInShanghaiDays() {
        for (LocalDate today : List.of(TODAY, LocalDate.of(2028, 3, 1), LocalDate.of(2027, 1, 31))) {
            StationOpsPlan p = plan(7, 40, today);
            LocalDate from = YearMonth.from(today).minusMonths(1).atDay(1);
            assertEquals(from, p.historyFrom());
            Set<LocalDate> mealDays = p.meals.stream().map(m -> m.servedAt().atZone(StationOpsPlan.ZONE).toLocalDate())
                    .collect(Collectors.toSet());
            assertTrue(mealDays.stream().allMatch(d -> !d.isBefore(from) && d.isBefore(today)), today.toString());
            assertTrue(p.services.stream().map(s -> s.startedAt().atZone(StationOpsPlan.ZONE).toLocalDate())
                    .allMatch(d -> !d.isBefore(from) && d.isBefore(today)), today.toString());
            // every station has lunches last month, so its statement has meal lines
            for (StationOpsPlan.Station s : p.stations) {
                assertTrue(p.meals.stream().anyMatch(m -> m.stationId().equals(s.id()) && m.meal().equals("LUNCH")
                        && YearMonth.from(m.servedAt().atZone(StationOpsPlan.ZONE)).equals(YearMonth.from(from))), s.id());
            }
        }
    }
}
