package org.eldercare.gateway.state;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.eldercare.contracts.PlatformEventType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StateTransitionsTest {

    @Test
    void lowBatteryOnceWhenCrossingTheThreshold() {
        assertEquals(List.of(LOW_BATTERY), StateTransitions.derive(50, 19, 20, null, null));
        assertEquals(List.of(LOW_BATTERY), StateTransitions.derive(20, 19, 20, null, null));
        assertEquals(List.of(LOW_BATTERY), StateTransitions.derive(null, 5, 20, null, null));
        assertEquals(List.of(), StateTransitions.derive(19, 10, 20, null, null), "still low: no repeat");
        assertEquals(List.of(), StateTransitions.derive(10, 30, 20, null, null));
        assertEquals(List.of(), StateTransitions.derive(30, 20, 20, null, null), "at the threshold is not below");
        assertEquals(List.of(), StateTransitions.derive(30, null, 20, null, null));
    }

    @Test
    void wornChanges() {
        assertEquals(List.of(REMOVED), StateTransitions.derive(null, null, 20, true, false));
        assertEquals(List.of(WORN), StateTransitions.derive(null, null, 20, false, true));
        assertEquals(List.of(), StateTransitions.derive(null, null, 20, null, false), "first knowledge is no change");
        assertEquals(List.of(), StateTransitions.derive(null, null, 20, true, true));
        assertEquals(List.of(), StateTransitions.derive(null, null, 20, true, null));
        assertEquals(List.of(LOW_BATTERY, REMOVED), StateTransitions.derive(25, 15, 20, true, false));
    }
}
