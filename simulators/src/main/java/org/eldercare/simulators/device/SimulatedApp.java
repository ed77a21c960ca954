package org.eldercare.simulators.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The patrol-visit or family app: logs in as its user id with the app password the platform
 * issued, keeps a persistent session (so it receives what it missed while offline), collects
 * notifications, and acknowledges them on {@code visitors/{id}/acks} or {@code users/{id}/acks}.
 */
public class SimulatedApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String userId;
    private final boolean visitor;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    public SimulatedApp(String brokerUri, String userId, String appPassword, boolean visitor) throws MqttException {
        this.userId = userId;
        this.visitor = visitor;
        this.client = new MqttAsyncClient(brokerUri, "app-" + userId, new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        options.setUserName(userId);
        options.setPassword(appPassword.toCharArray());
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    }

    public String userId() {
        return userId;
    }

    public SimulatedApp connect() throws MqttException {
        client.connect(options).waitForCompletion(10_000);
        IMqttMessageListener onNotification = (topic, msg) -> {
            JsonNode n = JSON.readTree(msg.getPayload());
            received.add(n);
            inbox.add(n);
            listeners.forEach(l -> l.accept(n));
        };
        client.subscribe("eldercare/v1/users/" + userId + "/notifications", 1, onNotification).waitForCompletion(10_000);
        return this;
    }

    public void onNotification(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** Waits for the next notification matching {@code filter}. */
    public Optional<JsonNode> awaitNotification(Predicate<JsonNode> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (JsonNode n : received) {
            if (filter.test(n)) {
                return Optional.of(n);
            }
        }
        while (System.nanoTime() < deadline) {
            JsonNode n = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (n != null && filter.test(n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Acknowledges a notification: RECEIVED, ACCEPTED, DECLINED, ARRIVED or RESOLVED (with a note). */
    public String ack(String notificationId, String action, String note) throws MqttException {
        String id = UUID.randomUUID().toString();
        ObjectNode n = JSON.createObjectNode().put("id", id).put("ts", System.currentTimeMillis())
                .put("notificationId", notificationId).put("action", action);
        if (note != null) {
            n.put("note", note);
        }
        String topic = "eldercare/v1/" + (visitor ? "visitors/" : "users/") + userId + "/acks";
        client.publish(topic, n.toString().getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        return id;
    }

    /** Reports the visitor's position and duty state (patrol app only). */
    public void location(double lat, double lon, boolean onDuty) throws MqttException {
        ObjectNode n = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("ts", System.currentTimeMillis())
                .put("onDuty", onDuty);
        n.putObject("loc").put("lat", lat).put("lon", lon).put("acc", 10);
        client.publish("eldercare/v1/visitors/" + userId + "/location", n.toString().getBytes(StandardCharsets.UTF_8), 0, false);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            // closing a simulator: nothing to do
        }
    }
}
