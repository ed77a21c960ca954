package org.eldercare.beds.occupancy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Checks on a stay's times that need no database: discharge after admission, nothing in the future,
 * and inside the days the bed and its facility were in service. Each method answers the reason a
 * request is refused, or null when it is acceptable.
 */
public final class StayRules {

    /** Devices and clerks' clocks drift; a minute's lead is tolerated, not more. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private StayRules() {
    }

    public static String timesProblem(Instant admittedAt, Instant dischargedAt, Instant now) {
        if (admittedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return "admittedAt " + admittedAt + " is in the future.";
        }
        if (dischargedAt != null && !dischargedAt.isAfter(admittedAt)) {
            return "The discharge (" + dischargedAt + ") must come after the admission (" + admittedAt + ").";
        }
        if (dischargedAt != null && dischargedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return "dischargedAt " + dischargedAt + " is in the future.";
        }
        return null;
    }

    /**
     * Whether a stay fits the bed's and the facility's days of service; {@code until} (exclusive) and
     * {@code dischargedAt} may be null for "still in service" and "still in the bed".
     */
    public static String serviceProblem(String what, LocalDate from, LocalDate until, Instant admittedAt, Instant dischargedAt) {
        LocalDate admitted = admittedAt.atZone(BedDays.ZONE).toLocalDate();
        if (admitted.isBefore(from)) {
            return "The admission day " + admitted + " is before the " + what + " came into service on " + from + ".";
        }
        if (until != null) {
            if (!admitted.isBefore(until)) {
                return "The " + what + " is out of service from " + until + "; no admission on " + admitted + ".";
            }
            if (dischargedAt == null || dischargedAt.atZone(BedDays.ZONE).toLocalDate().isAfter(until)) {
                return "The " + what + " is out of service from " + until + "; the stay must end by then.";
            }
        }
        return null;
    }
}
