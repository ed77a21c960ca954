package org.eldercare.beds.bed;

/**
 * A bed's state of service. A suspended bed still counts as a registered bed (it is being repaired
 * or temporarily closed) but takes no admissions; a decommissioned bed stops counting from its date.
 */
public enum BedStatus {
    IN_SERVICE, SUSPENDED, DECOMMISSIONED
}
