package org.eldercare.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.alert.event.Consumers;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static MqttClient observer;

    @Inject
    Pool pool;
    @Inject
    Consumers consumers;

    @BeforeAll
    static void connect() throws Exception {
        observer = new MqttClient("tcp://127.0.0.1:1884", "alert-test-clear-off-" + RUN, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        o.setUserName("platform");
        o.setPassword("platform-dev-secret".toCharArray());
        o.setCleanSession(true);
        observer.connect(o);
    }

    @AfterAll
    static void disconnect() throws Exception {
        observer.disconnect();
        observer.close();
    }

    private static void await(String what, Supplier<Boolean> cond) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(cond::get);
    }

    private static void publish(String topic, Object payload) {
        try {
            MqttMessage m = new MqttMessage(JSON.writeValueAsBytes(payload));
            m.setQos(1);
            observer.publish(topic, m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlatformEvent received(PlatformEventType type, String elderId, String msgId) {
        String device = "W-" + elderId;
        long now = System.currentTimeMillis();
        return new PlatformEvent(device + ":" + msgId, type, elderId, device, null, msgId, now, now, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aWatchBackOnlineLeavesItsAlertAsItWas() {
        await("consumers connected", () -> consumers.eventConnection() != null && consumers.eventConnection().isConnected()
                && consumers.circleConnection().isConnected());
        String elderId = "E-off-" + RUN;
        publish(Topics.careCircle(elderId), new CareCircle(elderId, 1, true, "Elder off", "Road 1", new GeoPoint(39.9071, 116.2105, null),
                "110107001001", "ST-" + RUN, "HIGH", List.of(), null, null, null, List.of(),
                List.of(new CareCircle.AssignedVisitor("V-off-" + RUN, "Visitor", "139")), null));
        await("care circle stored", () -> count("select count(*) from care_circles where elder_id = $1", elderId) == 1);
        publish(Topics.event(PlatformEventType.DEVICE_OFFLINE, elderId), received(PlatformEventType.DEVICE_OFFLINE, elderId, "off"));
        await("offline alert dispatched", () -> count("select count(*) from alerts where elder_id = $1 and kind = 'DEVICE_OFFLINE'"
                + " and state = 'DISPATCHED'", elderId) == 1);

        PlatformEvent online = received(PlatformEventType.DEVICE_ONLINE, elderId, "on");
        publish(Topics.event(PlatformEventType.DEVICE_ONLINE, elderId), online);
        await("online handled", () -> count("select count(*) from processed_events where event_id = $1", online.eventId()) == 1);
        assertEquals(1, count("select count(*) from alerts where elder_id = $1 and state = 'DISPATCHED'", elderId), "still open");
        assertEquals(0, count("select count(*) from alert_timeline t join alerts a on a.id = t.alert_id"
                + " where a.elder_id = $1 and (t.entry = 'NOTE' or t.to_state = 'CANCELLED')", elderId));
        assertEquals(0, count("select count(*) from notifications n join alerts a on a.id = n.alert_id"
                + " where a.elder_id = $1 and n.purpose = 'CLEARED'", elderId));
    }
}
