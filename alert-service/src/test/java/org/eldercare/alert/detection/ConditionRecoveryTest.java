package org.eldercare.alert.detection;

import org.eldercare.alert.alert.AlertKind;
import org.eldercare.alert.alert.AlertState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.*;

class ConditionRecoveryTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void nobodyOnItCancelsSomeoneOnItKeepsIt() {
        assertEquals(ConditionRecovery.Outcome.CANCEL, ConditionRecovery.outcome(AlertState.REPORTED));
        assertEquals(ConditionRecovery.Outcome.CANCEL, ConditionRecovery.outcome(AlertState.DISPATCHED));
        assertEquals(ConditionRecovery.Outcome.NOTE, ConditionRecovery.outcome(AlertState.ACCEPTED));
        assertEquals(ConditionRecovery.Outcome.NOTE, ConditionRecovery.outcome(AlertState.ARRIVED));
        for (AlertState done : new AlertState[] {AlertState.RESOLVED, AlertState.VERIFIED, AlertState.CLOSED, AlertState.CANCELLED}) {
            assertEquals(ConditionRecovery.Outcome.NONE, ConditionRecovery.outcome(done), done.name());
        }
    }

    @Test
    void batteryRecoversOnlyAtTheRecoveredLevel() {
        assertFalse(ConditionRecovery.batteryRecovered(29, 15, 30), "just below");
        assertTrue(ConditionRecovery.batteryRecovered(30, 15, 30), "at the level");
        assertTrue(ConditionRecovery.batteryRecovered(100, 15, 30));
        assertFalse(ConditionRecovery.batteryRecovered(16, 15, 30), "between the thresholds: still low");
        assertFalse(ConditionRecovery.batteryRecovered(null, 15, 30), "no battery in the reading");
        assertFalse(ConditionRecovery.batteryRecovered(140, 15, 30), "impossible value");
        // A recovered level set at or under the low threshold still needs a reading above it.
        assertFalse(ConditionRecovery.batteryRecovered(15, 15, 10));
        assertTrue(ConditionRecovery.batteryRecovered(16, 15, 10));
    }

    @Test
    void aClearingEventOlderThanTheConditionsLastSightingDoesNotClearIt() {
        Instant offlineReceived = Instant.parse("2026-03-01T06:05:00Z");
        // A watch's connectivity is ordered by the platform's receipt: a last will carries no watch time.
        Instant onlineBefore = ConditionRecovery.clearedAt(AlertKind.DEVICE_OFFLINE, offlineReceived.toEpochMilli() + 60_000,
                offlineReceived.toEpochMilli() - 1);
        assertEquals(offlineReceived.minusMillis(1), onlineBefore, "the receive time, not the watch's clock");
        assertTrue(ConditionRecovery.stale(onlineBefore, offlineReceived), "online before the offline it would end");
        assertFalse(ConditionRecovery.stale(offlineReceived, offlineReceived), "at the same moment: cleared");
        assertFalse(ConditionRecovery.stale(offlineReceived.plusMillis(1), offlineReceived));
        assertEquals(offlineReceived, ConditionRecovery.clearedAt(AlertKind.WATCH_REMOVED, 0, offlineReceived.toEpochMilli()));
        // A battery level is the watch's own reading: a stored batch arriving late keeps its time.
        Instant readAt = ConditionRecovery.clearedAt(AlertKind.LOW_BATTERY, offlineReceived.toEpochMilli(),
                offlineReceived.toEpochMilli() + 600_000);
        assertEquals(offlineReceived, readAt);
        assertTrue(ConditionRecovery.stale(readAt, offlineReceived.plusSeconds(60)), "a reading before the low one");
        assertFalse(ConditionRecovery.stale(readAt, null));
        assertThrows(IllegalArgumentException.class, () -> ConditionRecovery.clearedAt(AlertKind.SOS, 0, 0));
    }

    @Test
    void whatClearedIsToldInTheDistrictsTime() {
        Instant at = Instant.parse("2026-03-01T06:05:00Z"); // 14:05 in Shanghai
        assertEquals("watch back online at 14:05", ConditionRecovery.whatCleared(AlertKind.DEVICE_OFFLINE, null, at, SHANGHAI));
        assertEquals("watch worn again at 14:05", ConditionRecovery.whatCleared(AlertKind.WATCH_REMOVED, null, at, SHANGHAI));
        assertEquals("battery back to 35% at 14:05", ConditionRecovery.whatCleared(AlertKind.LOW_BATTERY, 35, at, SHANGHAI));
        assertThrows(IllegalArgumentException.class, () -> ConditionRecovery.whatCleared(AlertKind.SOS, null, at, SHANGHAI));
    }
}
