package org.eldercare.alert.alert;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static org.eldercare.alert.alert.AlertAction.*;
import static org.eldercare.alert.alert.AlertState.*;
import static org.junit.jupiter.api.Assertions.*;

class AlertLifecycleTest {

    /** Every legal (state, action) pair and where it leads; everything else is illegal. */
    private static final Map<AlertState, Map<AlertAction, AlertState>> LEGAL = Map.of(
            REPORTED, Map.of(DISPATCH, DISPATCHED, ACCEPT, ACCEPTED, ARRIVE, ARRIVED, CANCEL, CANCELLED),
            DISPATCHED, Map.of(ACCEPT, ACCEPTED, ARRIVE, ARRIVED, CANCEL, CANCELLED),
            ACCEPTED, Map.of(ARRIVE, ARRIVED, RESOLVE, RESOLVED, CANCEL, CANCELLED, REDISPATCH, DISPATCHED),
            ARRIVED, Map.of(RESOLVE, RESOLVED, CANCEL, CANCELLED),
            RESOLVED, Map.of(VERIFY, VERIFIED),
            VERIFIED, Map.of(CLOSE, CLOSED),
            CLOSED, Map.of(),
            CANCELLED, Map.of());

    @Test
    void everyStateAndActionIsEitherLegalWithItsTargetOrRefused() {
        for (AlertState s : AlertState.values()) {
            for (AlertAction a : AlertAction.values()) {
                AlertState expected = LEGAL.get(s).get(a);
                assertEquals(Optional.ofNullable(expected), AlertLifecycle.next(s, a), s + " --" + a + "-->");
            }
        }
    }

    @Test
    void openEndsWithResolution() {
        assertEquals(EnumSet.of(REPORTED, DISPATCHED, ACCEPTED, ARRIVED), AlertState.OPEN);
        assertFalse(RESOLVED.open());
    }

    @Test
    void severitiesOfKinds() {
        assertEquals(Severity.CRITICAL, AlertKind.SOS.severity());
        assertEquals(Severity.CRITICAL, AlertKind.FALL.severity());
        assertTrue(AlertKind.MISSED_CHECK_IN.safety());
        assertFalse(AlertKind.LOW_BATTERY.safety());
    }
}
