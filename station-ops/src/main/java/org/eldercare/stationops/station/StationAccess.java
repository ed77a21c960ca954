package org.eldercare.stationops.station;

import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

/** Who may act on a station's records: the bureau on any, an operator only on the station in its token. */
public final class StationAccess {

    private StationAccess() {
    }

    public static void requireStation(Caller caller, String stationId) {
        if (caller.is(Roles.BUREAU)) {
            return;
        }
        if (caller.is(Roles.OPERATOR) && caller.stationId() != null && caller.stationId().equals(stationId)) {
            return;
        }
        throw ProblemException.forbidden("You may only act on the records of your own station.");
    }

    public static void requireBureau(Caller caller) {
        if (!caller.is(Roles.BUREAU)) {
            throw ProblemException.forbidden("Only the district bureau may do this.");
        }
    }
}
