package org.eldercare.beds.facility;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An elderly-care facility. {@code operatingStationId} names the station (as carried in operators'
 * tokens) that runs it, which lets that station's operators record admissions and discharges.
 * Open from {@code openedOn} until the day before {@code closedOn}.
 */
public record Facility(UUID id, String code, String name, FacilityKind kind, String areaId, OwnerType ownerType,
                       String operatorName, String operatingStationId, Integer starRating, int licensedCapacity,
                       int nursingStaff, LocalDate openedOn, LocalDate closedOn) {

    public boolean openOn(LocalDate day) {
        return !openedOn.isAfter(day) && (closedOn == null || closedOn.isAfter(day));
    }
}
