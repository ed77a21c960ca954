package org.eldercare.visits.visit;

import org.eldercare.visits.geo.Geo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutePlannerTest {

    @Test
    void tiersFirstThenNearestNeighbour() {
        List<RoutePlanner.Stop> stops = List.of(
                new RoutePlanner.Stop("far", 3, 39.95, 116.20),
                new RoutePlanner.Stop("near", 3, 39.901, 116.20),
                new RoutePlanner.Stop("middle", 3, 39.92, 116.20),
                new RoutePlanner.Stop("overdue", 1, 39.99, 116.20));
        List<RoutePlanner.Leg> legs = RoutePlanner.order(stops, 39.90, 116.20);
        assertEquals(List.of("overdue", "far", "middle", "near"), legs.stream().map(l -> l.stop().elderId()).toList());
        assertEquals(1, legs.get(0).order());
        assertEquals(4, legs.get(3).order());
        assertTrue(legs.get(0).distanceMeters() > 9000);
    }

    @Test
    void withoutAPositionStartsAtTheFirstStopOfTheTopTier() {
        List<RoutePlanner.Leg> legs = RoutePlanner.order(List.of(
                new RoutePlanner.Stop("b", 2, 39.90, 116.20), new RoutePlanner.Stop("a", 2, 39.95, 116.20)), null, null);
        assertEquals("a", legs.get(0).stop().elderId());
        assertNull(legs.get(0).distanceMeters());
        assertEquals(5560, legs.get(1).distanceMeters(), 10);
    }

    @Test
    void haversineIsRightAtDistrictScale() {
        assertEquals(111_195, Geo.distanceMeters(39, 116, 40, 116), 5);
        assertEquals(0, Geo.distanceMeters(39.9, 116.2, 39.9, 116.2), 0.001);
    }
}
