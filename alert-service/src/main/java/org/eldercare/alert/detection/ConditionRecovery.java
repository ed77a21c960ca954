package org.eldercare.alert.detection;

import org.eldercare.alert.alert.AlertKind;
import org.eldercare.alert.alert.AlertState;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Conditions that clear by themselves (a watch back online, worn again, its battery recovered) and
 * what becomes of their alert. Plain Java.
 */
public final class ConditionRecovery {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** What the clearing does to the alert. */
    public enum Outcome {
        /** Nobody has taken it on: nobody need go, the alert is cancelled. */
        CANCEL,
        /** Someone has: it stays theirs (they may be at the door already), noted and told. */
        NOTE,
        /** Over already. */
        NONE
    }

    private ConditionRecovery() {
    }

    public static Outcome outcome(AlertState state) {
        return switch (state) {
            case REPORTED, DISPATCHED -> Outcome.CANCEL;
            case ACCEPTED, ARRIVED -> Outcome.NOTE;
            case RESOLVED, VERIFIED, CLOSED, CANCELLED -> Outcome.NONE;
        };
    }

    /**
     * Whether a reading's battery ends a low battery: at or above {@code recoveredPercent}, and in any
     * case above {@code lowPercent} (a level between the two changes nothing, so the alert cannot flap).
     */
    public static boolean batteryRecovered(Integer battery, int lowPercent, int recoveredPercent) {
        return battery != null && battery <= 100 && battery >= Math.max(recoveredPercent, lowPercent + 1);
    }

    /**
     * When a clearing event saw the condition over, on the clock the alert of {@code kind} records
     * the condition's sightings on (its last-seen time): the platform's receive time for a watch
     * offline or off the wrist (their graces run from it, and a last will carries no watch time; the
     * gateway orders a watch's connectivity by receipt too), the watch's own time for a battery level
     * (a reading may arrive late, in a stored batch).
     */
    public static Instant clearedAt(AlertKind kind, long ts, long receivedTs) {
        return switch (kind) {
            case DEVICE_OFFLINE, WATCH_REMOVED -> Instant.ofEpochMilli(receivedTs);
            case LOW_BATTERY -> Instant.ofEpochMilli(ts);
            default -> throw new IllegalArgumentException(kind + " does not clear by itself");
        };
    }

    /**
     * Whether a clearing event is older than the condition's last sighting on the alert: events travel
     * on different topics, so a watch back online may be handled after a newer offline; it must not
     * clear what came after it.
     */
    public static boolean stale(Instant clearedAt, Instant lastSeenAt) {
        return lastSeenAt != null && clearedAt.isBefore(lastSeenAt);
    }

    /** How the clearing of an alert of {@code kind} reads in its timeline and notifications. */
    public static String whatCleared(AlertKind kind, Integer battery, Instant at, ZoneId zone) {
        String time = HH_MM.format(at.atZone(zone));
        return switch (kind) {
            case DEVICE_OFFLINE -> "watch back online at " + time;
            case WATCH_REMOVED -> "watch worn again at " + time;
            case LOW_BATTERY -> "battery back to " + battery + "% at " + time;
            default -> throw new IllegalArgumentException(kind + " does not clear by itself");
        };
    }
}
