package org.eldercare.beds.plan;

import org.eldercare.beds.facility.FacilityKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A planning document (e.g. a district's 14th five-year plan for elderly care) with its yearly
 * targets. {@code countedKinds} is the plan's own definition of which facilities' beds count toward
 * beds per 1,000 residents; the code never assumes it.
 */
public record Plan(String code, String name, String areaId, Set<FacilityKind> countedKinds, List<Target> targets) {

    /** One year's targets; any of them may be absent. */
    public record Target(int year, BigDecimal bedsPer1000, BigDecimal nursingSharePercent,
                         BigDecimal careStaffPer10000Elders, Integer stations, Integer careCentres, Integer homeCareBeds) {
    }
}
