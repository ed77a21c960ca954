package org.eldercare.beds.coverage;

import org.eldercare.beds.area.AreaLevel;
import org.eldercare.beds.area.Population;
import org.eldercare.beds.facility.FacilityKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CoverageCalculatorTest {

    static final Set<FacilityKind> COUNTED = EnumSet.of(FacilityKind.INSTITUTION, FacilityKind.CARE_CENTRE, FacilityKind.STATION);

    static CoverageTarget target(String area) {
        return new CoverageTarget("p", "plan", area, 2025, new BigDecimal("7.0"), new BigDecimal("55"), new BigDecimal("20"),
                35, 6, 200, COUNTED);
    }

    static final List<CoverageCalculator.Node> TREE = List.of(
            new CoverageCalculator.Node("d", "District", AreaLevel.DISTRICT, null),
            new CoverageCalculator.Node("s1", "Street 1", AreaLevel.STREET, "d"),
            new CoverageCalculator.Node("s2", "Street 2", AreaLevel.STREET, "d"),
            new CoverageCalculator.Node("c11", "C11", AreaLevel.COMMUNITY, "s1"),
            new CoverageCalculator.Node("c12", "C12", AreaLevel.COMMUNITY, "s1"),
            new CoverageCalculator.Node("c21", "C21", AreaLevel.COMMUNITY, "s2"),
            new CoverageCalculator.Node("c22", "C22 (no data)", AreaLevel.COMMUNITY, "s2"));

    static Map<String, Tally> communities() {
        return Map.of(
                "c11", Tally.ofCommunity(new Population(2025, 10_000, 2_000, 300, 100), Map.of(
                        FacilityKind.INSTITUTION, new KindTally(1, 10, 40, 20, 45),
                        FacilityKind.HOME_CARE, new KindTally(1, 3, 15, 0, 15)), COUNTED),
                "c12", Tally.ofCommunity(new Population(2025, 3_001, 600, 90, 30), Map.of(
                        FacilityKind.STATION, new KindTally(1, 2, 2, 2, 1)), COUNTED),
                "c21", Tally.ofCommunity(new Population(2025, 7_000, 1_500, 200, 80), Map.of(
                        FacilityKind.CARE_CENTRE, new KindTally(1, 5, 10, 10, 12),
                        FacilityKind.STATION, new KindTally(2, 4, 3, 5, 2)), COUNTED));
    }

    @Test
    void communityFiguresByHand() {
        AreaCoverage c11 = CoverageCalculator.rollUp("c11", TREE, communities(), target("d"));
        // 60 counted beds (home-care beds are not counted by this plan) for 10,000 residents = 6.00 per 1,000.
        assertEquals(60, c11.countedBeds());
        assertEquals(75, c11.allBeds());
        assertEquals(15, c11.homeCareBeds());
        assertEquals(new BigDecimal("6.00"), c11.bedsPer1000());
        assertEquals(70L, c11.requiredBeds());
        assertEquals(10L, c11.bedsGap());
        // 40 of 60 nursing = 66.67 %; 55 % of 60 = 33 required, none missing.
        assertEquals(new BigDecimal("66.67"), c11.nursingSharePercent());
        assertEquals(33L, c11.requiredNursingBeds());
        assertEquals(0L, c11.nursingBedsGap());
        assertEquals(new BigDecimal("75.00"), c11.utilisationPercent());
        // 13 care staff for 2,000 elders = 65 per 10,000; 20 per 10,000 needs 4.
        assertEquals(13, c11.careStaff());
        assertEquals(new BigDecimal("65.00"), c11.careStaffPer10000Elders());
        assertEquals(4L, c11.requiredCareStaff());
        assertEquals(0L, c11.careStaffGap());
        // Absolute targets belong to the plan's district, not to a community.
        assertNull(c11.targetStations());
        assertNull(c11.stationsGap());
    }

    @Test
    void requiredBedsRoundUpAndRatiosRoundHalfUp() {
        AreaCoverage c12 = CoverageCalculator.rollUp("c12", TREE, communities(), target("d"));
        // 4 beds * 1000 / 3001 = 1.33289 -> 1.33; 7 * 3001 / 1000 = 21.007 -> 22 beds needed.
        assertEquals(new BigDecimal("1.33"), c12.bedsPer1000());
        assertEquals(22L, c12.requiredBeds());
        assertEquals(18L, c12.bedsGap());
        // 2 of 4 nursing = 50.00 %; 55 % of 4 = 2.2 -> 3 needed, 1 missing.
        assertEquals(3L, c12.requiredNursingBeds());
        assertEquals(1L, c12.nursingBedsGap());
        // 2 staff * 10000 / 600 = 33.333 -> 33.33
        assertEquals(new BigDecimal("33.33"), c12.careStaffPer10000Elders());
        assertEquals(2L, c12.requiredCareStaff());
        assertEquals(new BigDecimal("25.00"), c12.utilisationPercent());
    }

    @Test
    void halfUpAtTheBoundary() {
        assertEquals(new BigDecimal("0.01"), CoverageCalculator.ratio(1, 1, 200));      // 0.005 -> 0.01
        assertEquals(new BigDecimal("6.69"), CoverageCalculator.ratio(1836, 1000, 274440)); // 6.68998...
        assertEquals(new BigDecimal("6.67"), CoverageCalculator.ratio(2, 10, 3));       // 6.666...
        assertEquals(1922L, CoverageCalculator.required(new BigDecimal("7.0"), 274440, 1000)); // 1921.08 -> 1922
        assertEquals(7L, CoverageCalculator.required(new BigDecimal("7.0"), 1000, 1000));    // exact stays exact
        assertEquals(0L, CoverageCalculator.required(new BigDecimal("7.0"), 0, 1000));
    }

    @Test
    void emptyCommunityHasNoRatiosAndNoGap() {
        AreaCoverage c22 = CoverageCalculator.rollUp("c22", TREE, communities(), target("d"));
        assertEquals(0, c22.residents());
        assertEquals(0, c22.countedBeds());
        assertNull(c22.bedsPer1000());
        assertNull(c22.nursingSharePercent());
        assertNull(c22.utilisationPercent());
        assertNull(c22.careStaffPer10000Elders());
        assertEquals(0L, c22.requiredBeds());
        assertEquals(0L, c22.bedsGap());
        assertEquals(List.of(), c22.children());
    }

    @Test
    void districtCountsAreTheSumOfItsPartsAndRatiosComeFromTheSums() {
        AreaCoverage d = CoverageCalculator.rollUp("d", TREE, communities(), target("d"));
        assertEquals(List.of("s1", "s2"), d.children().stream().map(AreaCoverage::areaId).toList());
        AreaCoverage s1 = d.children().get(0);
        AreaCoverage s2 = d.children().get(1);
        assertEquals(s1.residents() + s2.residents(), d.residents());
        assertEquals(s1.countedBeds() + s2.countedBeds(), d.countedBeds());
        assertEquals(s1.nursingBeds() + s2.nursingBeds(), d.nursingBeds());
        assertEquals(s1.occupiedBeds() + s2.occupiedBeds(), d.occupiedBeds());
        assertEquals(s1.careStaff() + s2.careStaff(), d.careStaff());
        assertEquals(s1.stations() + s2.stations(), d.stations());
        assertEquals(s1.homeCareBeds() + s2.homeCareBeds(), d.homeCareBeds());
        assertEquals(s1.children().stream().mapToLong(AreaCoverage::countedBeds).sum(), s1.countedBeds());
        // 20,001 residents, 92 counted beds -> 4.60 per 1,000 (not the mean of 5.07 and 4.00); 141 needed.
        assertEquals(20_001, d.residents());
        assertEquals(92, d.countedBeds());
        assertEquals(new BigDecimal("4.60"), d.bedsPer1000());
        assertEquals(141L, d.requiredBeds());
        assertEquals(49L, d.bedsGap());
        // The district carries the plan's absolute targets: 3 stations of 35, 1 care centre of 6, 15 home-care beds of 200.
        assertEquals(3, d.stations());
        assertEquals(32L, d.stationsGap());
        assertEquals(5L, d.careCentresGap());
        assertEquals(185L, d.homeCareBedsGap());
    }

    @Test
    void withoutAPlanThereAreFiguresButNoTargets() {
        AreaCoverage d = CoverageCalculator.rollUp("d", TREE, communities(), null);
        assertEquals(new BigDecimal("4.60"), d.bedsPer1000());
        assertNull(d.requiredBeds());
        assertNull(d.bedsGap());
        assertNull(d.stationsGap());
    }

    @Test
    void thePlanDecidesWhichBedsCount() {
        Set<FacilityKind> all = EnumSet.allOf(FacilityKind.class);
        Tally t = Tally.ofCommunity(new Population(2025, 10_000, 2_000, 300, 100), Map.of(
                FacilityKind.INSTITUTION, new KindTally(1, 10, 40, 20, 45),
                FacilityKind.HOME_CARE, new KindTally(1, 3, 15, 0, 15)), all);
        assertEquals(75, t.countedBeds());
        assertEquals(55, t.nursingBeds());
    }
}
