package org.eldercare.stationops.subsidy;

import java.util.List;

/**
 * Something a reviewer must look at before approving. Flags never remove money from a statement:
 * the records stay on their lines and the reviewer decides.
 */
public record StatementFlag(Code code, String detail, String elderId, List<String> refs) {

    public enum Code {
        /** The same elder got two subsidised meals on one day (at this station or another). */
        DUPLICATE_SUBSIDISED_MEAL,
        /** A meal or service dated after the elder's death. */
        SERVED_AFTER_DEATH,
        /** A meal or service dated after the elder moved away. */
        SERVED_AFTER_MOVING_AWAY,
        /** A meal or service dated while the elder was admitted to an institution. */
        SERVED_DURING_INSTITUTION_STAY,
        /** A subsidised meal the rules would not subsidise (price, meal, no agreement in force). */
        MEAL_SUBSIDY_NOT_ELIGIBLE,
        /** The total is far above the recent months' average. */
        SUDDEN_JUMP,
        /** bed-registry could not be read: respite lines are missing, not zero. */
        RESPITE_DATA_MISSING,
        /** There are bed-days but the district's rules set no respite rate. */
        RESPITE_RATE_NOT_SET
    }

    public StatementFlag {
        refs = List.copyOf(refs);
    }
}
