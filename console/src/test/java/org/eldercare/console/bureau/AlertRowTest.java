package org.eldercare.console.bureau;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRowTest {

    private static Map<String, Object> alert(String state, String acceptedBy) {
        Map<String, Object> a = new HashMap<>();
        a.put("id", "a-1");
        a.put("elderId", "e-1");
        a.put("kind", "SOS");
        a.put("severity", "CRITICAL");
        a.put("state", state);
        a.put("tier", 1);
        a.put("acceptedBy", acceptedBy);
        a.put("repeatCount", 0);
        a.put("openedAt", "2026-12-06T01:00:00Z");
        a.put("lastSeenAt", "2026-12-06T01:00:00Z");
        return a;
    }

    private static Map<String, Object> notification(String role, String userId, String address, String receipt) {
        Map<String, Object> n = new HashMap<>();
        n.put("role", role);
        n.put("userId", userId);
        n.put("address", address);
        n.put("receipt", receipt);
        return n;
    }

    @Test
    void showsWhereTheAlertStandsInTheLoop() {
        AlertRow r = AlertRow.of(alert("ACCEPTED", "v-1"), null, "王秀兰");
        assertEquals(2, r.stage());
        assertTrue(r.open());
        assertEquals(List.of(true, true, true, false, false, false, false), r.steps().stream().map(AlertRow.Step::reached).toList());
        assertTrue(r.steps().get(2).current());
        assertFalse(AlertRow.of(alert("RESOLVED", "v-1"), null, "x").open());
        assertTrue(AlertRow.of(alert("CANCELLED", null), null, "x").cancelled());
    }

    @Test
    void listsEachNotifiedPersonOnceWithTheirAnswer() {
        Map<String, Object> detail = Map.of("notifications", List.of(
                notification("FAMILY", "u-1", null, null),
                notification("FAMILY", "u-1", "13800000000", "ACCEPTED"),
                notification("VISITOR", "v-1", null, null),
                notification("EMERGENCY", null, "https://hook", null)));
        AlertRow r = AlertRow.of(alert("ACCEPTED", "u-1"), detail, "王秀兰");
        assertEquals(List.of(new AlertRow.Notified("FAMILY", "u-1", "ACCEPTED"), new AlertRow.Notified("VISITOR", "v-1", null),
                new AlertRow.Notified("EMERGENCY", "https://hook", null)), r.notified());
    }

    @Test
    void theFingerprintChangesWhenTheAlertMoves() {
        String before = AlertRow.fingerprint(alert("DISPATCHED", null));
        assertEquals(before, AlertRow.fingerprint(alert("DISPATCHED", null)));
        assertNotEquals(before, AlertRow.fingerprint(alert("ACCEPTED", "v-1")));
        Map<String, Object> repeated = alert("DISPATCHED", null);
        repeated.put("repeatCount", 1);
        assertNotEquals(before, AlertRow.fingerprint(repeated));
    }
}
