package org.eldercare.stationops.bedregistry;

import org.eldercare.stationops.subsidy.BedDays;
import org.eldercare.stationops.subsidy.Facts;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestBedDaysSourceTest {

    private static final YearMonth JAN = YearMonth.of(2025, 1);

    private static BedRegistryClient.FacilityBedDays f(String id, String kind, String station, long days,
                                                       BedRegistryClient.ElderBedDays... elders) {
        return new BedRegistryClient.FacilityBedDays(id, "code-" + id, kind, station, "2025-01", days, List.of(elders));
    }

    @Test
    void countsOnlyTheStationsOwnStationAndCareCentreBeds() {
        var answer = new BedRegistryClient.MonthBedDays("2025-01", true, 31, List.of(
                f("f1", "STATION", "st-1", 20), f("f2", "CARE_CENTRE", "st-1", 5), f("f3", "HOME_CARE", "st-1", 90),
                f("f4", "STATION", "st-2", 7), f("f5", "INSTITUTION", null, 900)));
        BedDays.Known known = assertInstanceOf(BedDays.Known.class, RestBedDaysSource.toBedDays("st-1", JAN, answer));
        assertEquals(25, known.total());
        assertEquals("bed-registry:facility:f1:2025-01", known.facilities().get(0).ref());
    }

    @Test
    void eldersInAnInstitutionBedEveryDayOfTheMonthBecomeStaysCoveringTheMonth() {
        var answer = new BedRegistryClient.MonthBedDays("2025-01", true, 31, List.of(
                f("inst", "INSTITUTION", null, 51, new BedRegistryClient.ElderBedDays("all-month", 31),
                        new BedRegistryClient.ElderBedDays("part-month", 20)),
                f("f1", "STATION", "st-1", 31, new BedRegistryClient.ElderBedDays("respite", 31))));
        BedDays.Known known = assertInstanceOf(BedDays.Known.class, RestBedDaysSource.toBedDays("st-1", JAN, answer));
        assertEquals(1, known.institutionStays().size());
        Facts.InstitutionStay stay = known.institutionStays().get(0);
        assertEquals("all-month", stay.elderId());
        assertEquals("inst", stay.facilityId());
        assertTrue(stay.inside(LocalDate.of(2025, 1, 1)) && stay.inside(LocalDate.of(2025, 1, 31)));
        assertFalse(stay.inside(LocalDate.of(2025, 2, 1)));
    }

    @Test
    void aMonthBedRegistryHasNotFinishedCountingIsUnavailable() {
        var answer = new BedRegistryClient.MonthBedDays("2025-01", false, 12, List.of(f("f1", "STATION", "st-1", 20)));
        assertInstanceOf(BedDays.Unavailable.class, RestBedDaysSource.toBedDays("st-1", JAN, answer));
    }
}
