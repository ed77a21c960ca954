package org.eldercare.simulators.fleet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetConditionsTest {

    private static DailyRhythm.Reading reading(long ts) {
        return new DailyRhythm.Reading(ts, 70, 97, 100, 80, true, 39.9, 116.2);
    }

    @Test
    void aCalmFieldSendsEverySampleOnTime() {
        FleetConditions f = new FleetConditions(1, FleetConditions.Rates.none());
        for (int i = 0; i < 1000; i++) {
            assertEquals(FleetConditions.Action.SEND, f.next(reading(i)));
        }
        assertEquals(1234L, f.watchClock(1234L));
    }

    @Test
    void theSameSeedGivesTheSameTroubles() {
        List<FleetConditions.Action> a = new ArrayList<>();
        List<FleetConditions.Action> b = new ArrayList<>();
        FleetConditions x = new FleetConditions(42, FleetConditions.Rates.busy());
        FleetConditions y = new FleetConditions(42, FleetConditions.Rates.busy());
        for (int i = 0; i < 2000; i++) {
            a.add(x.next(reading(i)));
            b.add(y.next(reading(i)));
        }
        assertEquals(a, b);
        assertEquals(x.driftMs(), y.driftMs());
        assertTrue(Math.abs(x.driftMs()) <= 15_000, "drift within the bound: " + x.driftMs());
    }

    @Test
    void aCoverageGapKeepsItsSamplesAndFlushesThemOldestFirst() {
        FleetConditions f = new FleetConditions(7, new FleetConditions.Rates(0, 1.0, 3, 3, 0, 0));
        assertEquals(FleetConditions.Action.BUFFER, f.next(reading(1)));
        assertEquals(FleetConditions.Action.BUFFER, f.next(reading(2)));
        assertEquals(FleetConditions.Action.FLUSH_THEN_SEND, f.next(reading(3)));
        List<Long> flushed = f.drain().stream().map(DailyRhythm.Reading::ts).toList();
        assertEquals(List.of(1L, 2L, 3L), flushed);
        assertTrue(f.drain().isEmpty(), "the buffer is empty after the burst");
    }

    @Test
    void garbageIsOfEveryKindTheGatewayMustReject() {
        FleetConditions f = new FleetConditions(3, FleetConditions.Rates.everyday());
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        for (int i = 0; i < 200; i++) {
            reasons.add(f.garbage("w-1-" + i, 1_700_000_000_000L).expectedReason());
        }
        assertEquals(java.util.Set.of("MALFORMED_JSON", "OUT_OF_RANGE", "SCHEMA", "TS_IN_FUTURE", "UNKNOWN_EVENT_TYPE"), reasons);
    }
}
