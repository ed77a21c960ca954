package org.eldercare.beds.coverage;

import org.eldercare.beds.facility.FacilityKind;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The targets of one plan for one year. Any figure may be absent (the plan sets no target for it).
 * {@code countedKinds} is the plan's definition of which beds count toward the per-1,000 figure.
 * Absolute targets (stations, care centres, home-care beds) apply to the plan's own area only.
 */
public record CoverageTarget(String planCode, String planName, String planAreaId, int year,
                             BigDecimal bedsPer1000, BigDecimal nursingSharePercent,
                             BigDecimal careStaffPer10000Elders, Integer stations, Integer careCentres,
                             Integer homeCareBeds, Set<FacilityKind> countedKinds) {
}
