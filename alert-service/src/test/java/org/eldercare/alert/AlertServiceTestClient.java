package org.eldercare.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.alert.event.Consumers;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What a test of the service talks to: the broker as the platform's other services and the apps
 * would (events and care circles in, notifications to apps out), and the service's database for
 * what a user would check. Topics always come from {@link Topics}.
 */
public final class AlertServiceTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient mqtt;
    private final Map<String, List<JsonNode>> notifications = new ConcurrentHashMap<>();

    private AlertServiceTestClient(MqttClient mqtt) {
        this.mqtt = mqtt;
    }

    /** Connects with the platform's service account; {@code clientId} must be unique per test run. */
    public static AlertServiceTestClient connect(String clientId) throws MqttException {
        MqttClient mqtt = new MqttClient("tcp://127.0.0.1:1884", clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        o.setUserName("platform");
        o.setPassword("platform-dev-secret".toCharArray());
        o.setCleanSession(true);
        mqtt.connect(o);
        return new AlertServiceTestClient(mqtt);
    }

    /** Keeps every notification the service sends to any user's app, by user. */
    public AlertServiceTestClient observeNotifications() throws MqttException {
        mqtt.subscribe(Topics.userNotifications("+"), 1, (topic, msg) -> {
            String[] levels = topic.split("/");
            notifications.computeIfAbsent(levels[levels.length - 2], k -> new CopyOnWriteArrayList<>()).add(JSON.readTree(msg.getPayload()));
        });
        return this;
    }

    public List<JsonNode> notificationsTo(String userId) {
        return notifications.getOrDefault(userId, List.of());
    }

    /** {@code payload} as JSON, QoS 1. */
    public void publish(String topic, Object payload) {
        try {
            publishBytes(topic, JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publishBytes(String topic, byte[] payload) {
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            mqtt.publish(topic, m);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event on its type's topic, keyed by its elder (or, for an app's receipt, its user). */
    public void publishEvent(PlatformEvent e) {
        publish(Topics.event(e.type(), e.elderId() == null ? e.actorId() : e.elderId()), e);
    }

    /** Publishes the care circle as visit-service would and waits until the service stored it. */
    public void enrol(Pool pool, CareCircle circle) {
        publish(Topics.careCircle(circle.elderId()), circle);
        await("care circle of " + circle.elderId() + " stored",
                () -> count(pool, "select count(*) from care_circles where elder_id = $1", circle.elderId()) == 1);
    }

    @Override
    public void close() throws MqttException {
        mqtt.disconnect();
        mqtt.close();
    }

    /** Waits until the service's connections named are up. */
    public static void awaitConnected(Consumers consumers, boolean events, boolean readings) {
        await("consumers connected", () -> (!events || consumers.eventConnection() != null && consumers.eventConnection().isConnected())
                && (!readings || consumers.readingConnection() != null && consumers.readingConnection().isConnected())
                && consumers.circleConnection().isConnected(), Duration.ofSeconds(20));
    }

    public static void await(String what, Supplier<Boolean> cond) {
        await(what, cond, Duration.ofSeconds(10));
    }

    public static void await(String what, Supplier<Boolean> cond, Duration max) {
        Awaitility.await(what).atMost(max).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(cond::get);
    }

    /** The first column of the first row of {@code sql}, a count or a number. */
    public static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }
}
