package org.eldercare.alert.alert;

import java.util.EnumSet;
import java.util.Set;

/**
 * The district's closed loop: reported > dispatched > accepted > arrived > resolved > verified >
 * closed, or cancelled (false alarm) from any open state. "Open" (the states in which repeats of the
 * same kind update the alert instead of opening a new one) ends with resolution.
 */
public enum AlertState {
    REPORTED, DISPATCHED, ACCEPTED, ARRIVED, RESOLVED, VERIFIED, CLOSED, CANCELLED;

    public static final Set<AlertState> OPEN = EnumSet.of(REPORTED, DISPATCHED, ACCEPTED, ARRIVED);

    public boolean open() {
        return OPEN.contains(this);
    }
}
