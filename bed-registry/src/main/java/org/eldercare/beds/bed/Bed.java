package org.eldercare.beds.bed;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A registered bed. It counts toward coverage from {@code inServiceFrom} until the day before
 * {@code decommissionedOn}. {@code occupantElderId} and {@code openStayId} describe who is in it now.
 */
public record Bed(UUID id, UUID facilityId, String label, BedType type, BedStatus status, LocalDate inServiceFrom,
                  LocalDate decommissionedOn, String occupantElderId, UUID openStayId) {
}
