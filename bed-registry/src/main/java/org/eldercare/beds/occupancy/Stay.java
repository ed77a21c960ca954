package org.eldercare.beds.occupancy;

import java.time.Instant;
import java.util.UUID;

/** An elder's stay in a bed, from admission until discharge; open while {@code dischargedAt} is null. */
public record Stay(UUID id, UUID bedId, UUID facilityId, String elderId, Instant admittedAt, Instant dischargedAt,
                   String recordedBy) {
}
