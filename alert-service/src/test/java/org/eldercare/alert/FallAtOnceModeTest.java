package org.eldercare.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eldercare.alert.event.Consumers;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.eldercare.alert.AlertServiceTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The district that prefers falls at once: {@code eldercare.alert.fall.mode=AT_ONCE} opens the alert
 * as soon as the watch reports the fall, marked pending cancel; "I am fine" inside the cancel window
 * cancels it, and once the window has passed the mark is cleared and the alert stands.
 */
@QuarkusTest
@TestProfile(FallAtOnceModeTest.AtOnce.class)
class FallAtOnceModeTest {

    public static class AtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eldercare.alert.fall.mode", "AT_ONCE");
        }
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static AlertServiceTestClient broker;

    @Inject
    Pool pool;
    @Inject
    Consumers consumers;

    @BeforeAll
    static void connect() throws Exception {
        broker = AlertServiceTestClient.connect("alert-test-at-once-" + RUN);
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    /** A FALL or FALL_CANCELLED as the gateway passes it on, sent by the watch at {@code ts} and received at once. */
    private static void watchEvent(PlatformEventType type, String elderId, String msgId, long ts, String ref) {
        String device = "W-" + elderId;
        broker.publishEvent(new PlatformEvent(device + ":" + msgId, type, elderId, device, null, msgId, ts, ts,
                new GeoPoint(39.9071, 116.2105, 10.0), ref, null, null, null, null, null, null, null, null, null, null));
    }

    private String elder(String name) {
        String elderId = "E-" + name + "-" + RUN;
        broker.enrol(pool, new CareCircle(elderId, 1, true, "Elder " + name, "Road 1", new GeoPoint(39.9071, 116.2105, null),
                "110107001001", "ST-" + RUN, "HIGH", List.of(), null, null, null, List.of(),
                List.of(new CareCircle.AssignedVisitor("V-" + name + "-" + RUN, "Visitor", "139")), null));
        return elderId;
    }

    private long count(String sql, Object... params) {
        return AlertServiceTestClient.count(pool, sql, params);
    }

    private Row fallAlert(String elderId) {
        var rows = pool.preparedQuery("select state, pending_cancel from alerts where elder_id = $1 and kind = 'FALL'")
                .execute(Tuple.of(elderId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    @Test
    void aFallOpensAtOncePendingCancelAndTheWearerMayStillCancelIt() {
        AlertServiceTestClient.awaitConnected(consumers, true, false);
        String elderId = elder("at-once");
        // Sent a minute ahead: its cancel window cannot run out while the test runs, however slow the machine.
        long ahead = System.currentTimeMillis() + 60_000;
        watchEvent(PlatformEventType.FALL, elderId, "f1", ahead, null);
        await("alert open at once, pending cancel", () -> fallAlert(elderId) != null && fallAlert(elderId).getBoolean("pending_cancel"));
        assertEquals("DISPATCHED", fallAlert(elderId).getString("state"), "people are told at once");
        assertEquals(1, count("select count(*) from timers where kind = 'FALL_CANCEL_WINDOW_END' and timer_key = $1", "W-" + elderId + ":f1"));

        watchEvent(PlatformEventType.FALL_CANCELLED, elderId, "f1-cancel", ahead + 1_000, "f1");
        await("cancelled by the wearer", () -> "CANCELLED".equals(fallAlert(elderId).getString("state")));
        assertEquals(1, count("select count(*) from alert_timeline t join alerts a on a.id = t.alert_id"
                + " where a.elder_id = $1 and t.entry = 'TRANSITION' and t.to_state = 'CANCELLED' and t.actor = 'wearer'", elderId));
        assertEquals(0, count("select count(*) from timers where timer_key = $1", "W-" + elderId + ":f1"));
    }

    @Test
    void onceTheWindowHasPassedThePendingMarkIsClearedAndTheAlertStands() {
        AlertServiceTestClient.awaitConnected(consumers, true, false);
        String elderId = elder("stands");
        watchEvent(PlatformEventType.FALL, elderId, "f2", System.currentTimeMillis(), null);
        // The window is 2 s in tests: afterwards the alert is an ordinary open fall alert.
        await("window passed", () -> fallAlert(elderId) != null && !fallAlert(elderId).getBoolean("pending_cancel")
                && count("select count(*) from timers where timer_key = $1", "W-" + elderId + ":f2") == 0);
        assertEquals("DISPATCHED", fallAlert(elderId).getString("state"));
        // "I am fine" after the window no longer cancels it: it is noted for the people on it.
        watchEvent(PlatformEventType.FALL_CANCELLED, elderId, "f2-cancel", System.currentTimeMillis(), "f2");
        await("noted", () -> count("select count(*) from alert_timeline t join alerts a on a.id = t.alert_id"
                + " where a.elder_id = $1 and t.entry = 'NOTE' and t.actor = 'wearer'", elderId) == 1);
        assertEquals("DISPATCHED", fallAlert(elderId).getString("state"));
        assertTrue(count("select count(*) from alerts where elder_id = $1 and state = 'CANCELLED'", elderId) == 0);
    }
}
