package org.eldercare.beds.occupancy;

import org.eldercare.beds.facility.FacilityKind;

import java.util.List;
import java.util.UUID;

/** One facility's bed-days in a month, in total, by bed type and by elder. */
public record FacilityBedDays(UUID facilityId, String facilityCode, String facilityName, FacilityKind kind,
                              String operatingStationId, String month, boolean complete, long daysCounted,
                              long bedDays, long nursingBedDays, long generalBedDays, List<ElderBedDays> elders) {

    public record ElderBedDays(String elderId, long bedDays) {
    }
}
