package org.eldercare.beds.coverage;

import org.eldercare.beds.area.AreaLevel;

import java.math.BigDecimal;
import java.util.List;

/**
 * Coverage of one area on one date. Ratios are null when their denominator is zero (an area with no
 * residents has no beds-per-1,000 figure); targets, required counts and gaps are null when the plan
 * sets no such target. A gap is how many more are needed to reach the target, never negative.
 * {@code children} lists the parts (streets of a district, communities of a street); empty for a community.
 */
public record AreaCoverage(
        String areaId, String name, AreaLevel level,
        long residents, long aged60Plus, long aged80Plus, long disabledElders,
        long countedBeds, long nursingBeds, long generalBeds, long occupiedBeds, long allBeds,
        BigDecimal bedsPer1000, BigDecimal targetBedsPer1000, Long requiredBeds, Long bedsGap,
        BigDecimal nursingSharePercent, BigDecimal targetNursingSharePercent, Long requiredNursingBeds, Long nursingBedsGap,
        BigDecimal utilisationPercent,
        long careStaff, BigDecimal careStaffPer10000Elders, BigDecimal targetCareStaffPer10000Elders,
        Long requiredCareStaff, Long careStaffGap,
        long institutions, long careCentres, long stations, long homeCareBeds,
        Integer targetStations, Long stationsGap, Integer targetCareCentres, Long careCentresGap,
        Integer targetHomeCareBeds, Long homeCareBedsGap,
        List<AreaCoverage> children) {
}
