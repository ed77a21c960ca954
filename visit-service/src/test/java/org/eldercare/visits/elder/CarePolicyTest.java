package org.eldercare.visits.elder;

import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CarePolicyTest {

    private final CarePolicy policy = new CarePolicy(Set.of(CareCategory.LIVING_ALONE, CareCategory.AGED_80_PLUS),
            "10:00", 1000, 45, 130, 90);

    @Test
    void checkInFollowsTheCategoryUnlessOverridden() {
        assertEquals(new CareCircle.CheckInPolicy(true, "10:00"), policy.checkIn(Set.of(CareCategory.LIVING_ALONE), null, null));
        assertEquals(new CareCircle.CheckInPolicy(false, "10:00"), policy.checkIn(Set.of(CareCategory.EMPTY_NEST), null, null));
        assertEquals(new CareCircle.CheckInPolicy(true, "09:00"), policy.checkIn(Set.of(CareCategory.EMPTY_NEST), true, "09:00"));
        assertEquals(new CareCircle.CheckInPolicy(false, "10:00"), policy.checkIn(Set.of(CareCategory.AGED_80_PLUS), false, null));
    }

    @Test
    void safeZoneDefaultsToHomeAndTheConfiguredRadius() {
        GeoPoint home = new GeoPoint(39.9, 116.2, null);
        assertEquals(new CareCircle.SafeZone(true, home, 1000), policy.safeZone(true, null, home, null));
        GeoPoint park = new GeoPoint(39.91, 116.21, null);
        assertEquals(new CareCircle.SafeZone(false, park, 500), policy.safeZone(false, 500, home, park));
    }

    @Test
    void vitalBoundsAreOverriddenOneByOne() {
        assertEquals(new CareCircle.VitalThresholds(45, 130, 90), policy.vitals(null, null, null));
        assertEquals(new CareCircle.VitalThresholds(38, 130, 88), policy.vitals(38, null, 88));
    }

    @Test
    void refusesABadDeadline() {
        assertThrows(IllegalArgumentException.class, () -> new CarePolicy(Set.of(), "25:00", 1000, null, null, null));
        assertEquals(false, CarePolicy.Deadline.isValid("9:00"));
        assertEquals(true, CarePolicy.Deadline.isValid("23:59"));
    }
}
