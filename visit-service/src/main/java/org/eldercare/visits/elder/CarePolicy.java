package org.eldercare.visits.elder;

import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;

import java.util.Collections;
import java.util.Set;

/**
 * The district's defaults for watching over an elder, from configuration, and how an elder's own
 * overrides combine with them. Elders in a daily-check-in category (by default living alone,
 * disabled, semi-disabled, 80+) must check in every day by the deadline.
 */
public record CarePolicy(Set<CareCategory> dailyCheckInCategories, String checkInDeadline, int safeZoneRadiusMeters,
                         Integer hrMin, Integer hrMax, Integer spo2Min) {

    public CarePolicy {
        if (!Deadline.isValid(checkInDeadline)) {
            throw new IllegalArgumentException("check-in deadline must be HH:mm, was " + checkInDeadline);
        }
        dailyCheckInCategories = Set.copyOf(dailyCheckInCategories);
    }

    public CareCircle.CheckInPolicy checkIn(Set<CareCategory> categories, Boolean enabledOverride, String deadlineOverride) {
        boolean byCategory = !Collections.disjoint(dailyCheckInCategories, categories);
        boolean enabled = enabledOverride != null ? enabledOverride : byCategory;
        return new CareCircle.CheckInPolicy(enabled, deadlineOverride != null ? deadlineOverride : checkInDeadline);
    }

    public CareCircle.SafeZone safeZone(boolean enabled, Integer radiusOverride, GeoPoint home, GeoPoint centerOverride) {
        return new CareCircle.SafeZone(enabled, centerOverride != null ? centerOverride : home,
                radiusOverride != null ? radiusOverride : safeZoneRadiusMeters);
    }

    /** Each bound separately: an elder with a pacemaker may override only the lower heart-rate bound. */
    public CareCircle.VitalThresholds vitals(Integer hrMinOverride, Integer hrMaxOverride, Integer spo2MinOverride) {
        return new CareCircle.VitalThresholds(hrMinOverride != null ? hrMinOverride : hrMin,
                hrMaxOverride != null ? hrMaxOverride : hrMax, spo2MinOverride != null ? spo2MinOverride : spo2Min);
    }

    /** A local time of day HH:mm (00:00-23:59). */
    public static final class Deadline {
        private Deadline() {
        }

        public static boolean isValid(String s) {
            return s != null && s.matches("([01]\\d|2[0-3]):[0-5]\\d");
        }
    }
}
