package org.eldercare.alert.detection;

import java.time.Duration;
import java.time.Instant;

/**
 * A condition (vital out of bounds) becomes an alert only when it lasted {@code sustain}: it began
 * at {@code since} and was still seen recently when the check runs. "Recently" guards against an
 * excursion whose end was seen by another replica: without a reading out of bounds in the last
 * {@code staleAfter}, it is taken as over.
 */
public final class SustainedCondition {

    private SustainedCondition() {
    }

    public static boolean confirmed(Instant since, Instant lastSeen, Instant now, Duration sustain, Duration staleAfter) {
        return !now.isBefore(since.plus(sustain)) && !lastSeen.isBefore(now.minus(staleAfter));
    }
}
