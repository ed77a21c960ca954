package org.eldercare.beds.access;

import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

/**
 * Who may act on a facility's beds and stays: the bureau on any, an operator only on facilities
 * whose operating station is the station in its token.
 */
public final class Access {

    private Access() {
    }

    public static boolean mayOperate(Caller caller, String operatingStationId) {
        if (caller.is(Roles.BUREAU)) {
            return true;
        }
        return caller.is(Roles.OPERATOR) && caller.stationId() != null && caller.stationId().equals(operatingStationId);
    }

    public static void requireOperate(Caller caller, String operatingStationId, String facilityCode) {
        if (!mayOperate(caller, operatingStationId)) {
            throw ProblemException.forbidden("Facility " + facilityCode + " is not operated by your station.");
        }
    }
}
