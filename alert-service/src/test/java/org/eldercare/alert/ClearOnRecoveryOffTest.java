package org.eldercare.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
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

/**
 * The district that keeps every alert until a person closes it: with
 * {@code eldercare.alert.detect.clear-on-recovery=false} a watch back online leaves its alert as it was.
 */
@QuarkusTest
@TestProfile(ClearOnRecoveryOffTest.Off.class)
class ClearOnRecoveryOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eldercare.alert.detect.clear-on-recovery", "false");
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
        broker = AlertServiceTestClient.connect("alert-test-clear-off-" + RUN);
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    private static PlatformEvent received(PlatformEventType type, String elderId, String msgId) {
        String device = "W-" + elderId;
        long now = System.currentTimeMillis();
        return new PlatformEvent(device + ":" + msgId, type, elderId, device, null, msgId, now, now, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private long count(String sql, Object... params) {
        return AlertServiceTestClient.count(pool, sql, params);
    }

    @Test
    void aWatchBackOnlineLeavesItsAlertAsItWas() {
        AlertServiceTestClient.awaitConnected(consumers, true, false);
        String elderId = "E-off-" + RUN;
        broker.enrol(pool, new CareCircle(elderId, 1, true, "Elder off", "Road 1", new GeoPoint(39.9071, 116.2105, null),
                "110107001001", "ST-" + RUN, "HIGH", List.of(), null, null, null, List.of(),
                List.of(new CareCircle.AssignedVisitor("V-off-" + RUN, "Visitor", "139")), null));
        broker.publishEvent(received(PlatformEventType.DEVICE_OFFLINE, elderId, "off"));
        await("offline alert dispatched", () -> count("select count(*) from alerts where elder_id = $1 and kind = 'DEVICE_OFFLINE'"
                + " and state = 'DISPATCHED'", elderId) == 1);

        PlatformEvent online = received(PlatformEventType.DEVICE_ONLINE, elderId, "on");
        broker.publishEvent(online);
        await("online handled", () -> count("select count(*) from processed_events where event_id = $1", online.eventId()) == 1);
        assertEquals(1, count("select count(*) from alerts where elder_id = $1 and state = 'DISPATCHED'", elderId), "still open");
        assertEquals(0, count("select count(*) from alert_timeline t join alerts a on a.id = t.alert_id"
                + " where a.elder_id = $1 and (t.entry = 'NOTE' or t.to_state = 'CANCELLED')", elderId));
        assertEquals(0, count("select count(*) from notifications n join alerts a on a.id = n.alert_id"
                + " where a.elder_id = $1 and n.purpose = 'CLEARED'", elderId));
    }
}
