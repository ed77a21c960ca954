package org.eldercare.stationops.statement;

/** draft > submitted > approved > paid; a rejected statement goes back to the station with a reason. */
public enum StatementStatus { DRAFT, SUBMITTED, APPROVED, REJECTED, PAID;

    /** Approved and paid statements are frozen: corrections go into a later month as adjustments. */
    public boolean frozen() {
        return this == APPROVED || this == PAID;
    }
}
