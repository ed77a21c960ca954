package org.eldercare.alert.detection;

import org.eldercare.contracts.CareCircle.SafeZone;
import org.eldercare.contracts.GeoPoint;

/**
 * Leaving the safe zone: the position is outside the circle even at the best case of its stated
 * accuracy, so that a poor GPS fix near the edge does not wake the family at night.
 */
public final class SafeZoneRule {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private SafeZoneRule() {
    }

    public static boolean outside(SafeZone zone, GeoPoint p) {
        if (zone == null || !zone.enabled() || zone.center() == null || p == null || zone.radiusMeters() <= 0) {
            return false;
        }
        double acc = p.acc() == null ? 0 : Math.max(0, p.acc());
        return distanceMeters(zone.center(), p) - acc > zone.radiusMeters();
    }

    /** Great-circle (haversine) distance. */
    public static double distanceMeters(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
