package org.eldercare.simulators.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A smart watch speaking device-protocol v1: connects as its device id with its secret, leaves a
 * retained "offline" last will, announces itself online, and publishes telemetry, events and
 * motion windows. Message ids are {@code <deviceId>-<counter>}, as real watches do.
 */
public class SimulatedWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String deviceId;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final AtomicLong counter = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private final String firmware;

    public SimulatedWatch(String brokerUri, String deviceId, String secret) throws MqttException {
        this(brokerUri, deviceId, secret, "2.4.1");
    }

    public SimulatedWatch(String brokerUri, String deviceId, String secret, String firmware) throws MqttException {
        this.deviceId = deviceId;
        this.firmware = firmware;
        this.client = new MqttAsyncClient(brokerUri, deviceId, new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword(secret.toCharArray());
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(1000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setWill(topic("status"), "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8), 1, true);
    }

    public String deviceId() {
        return deviceId;
    }

    /** Connects, then publishes the retained online status; after an automatic reconnect too. */
    public SimulatedWatch connect() throws MqttException {
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    try {
                        client.publish(topic("status"), online(), 1, true);
                    } catch (MqttException e) {
                        // lost again at once: the next reconnect announces it
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // Paho reconnects on its own (automatic reconnect)
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // a watch subscribes to nothing
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // PUBACKs are awaited on the tokens
            }
        });
        client.connect(options).waitForCompletion(10_000);
        client.publish(topic("status"), online(), 1, true).waitForCompletion(10_000);
        return this;
    }

    /** Connects again after {@link #loseConnection()}, announcing itself online; nothing if already connected. */
    public void reconnect() throws MqttException {
        if (!client.isConnected()) {
            client.connect(options).waitForCompletion(10_000);
            client.publish(topic("status"), online(), 1, true).waitForCompletion(10_000);
        }
    }

    private byte[] online() {
        return bytes(JSON.createObjectNode().put("state", "online").put("fw", firmware).put("ts", System.currentTimeMillis()));
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public String nextId() {
        return deviceId + "-" + counter.incrementAndGet();
    }

    /** Publishes an event ({@code FALL}, {@code SOS}, {@code CHECK_IN}, ...) and waits for the PUBACK; returns its id. */
    public String event(String type, long ts, Double lat, Double lon, String ref) throws MqttException {
        String id = nextId();
        ObjectNode n = JSON.createObjectNode().put("id", id).put("ts", ts).put("type", type);
        if (lat != null && lon != null) {
            n.putObject("loc").put("lat", lat).put("lon", lon).put("acc", 15);
        }
        if (ref != null) {
            n.put("ref", ref);
        }
        publish("events", n, 1);
        return id;
    }

    public String event(String type) throws MqttException {
        return event(type, System.currentTimeMillis(), null, null, null);
    }

    /** Publishes a telemetry sample; QoS 1 waits for the PUBACK. */
    public IMqttDeliveryToken telemetry(long ts, Integer hr, Integer spo2, Integer steps, Integer battery, Boolean worn,
                                        Double lat, Double lon, int qos) throws MqttException {
        ObjectNode n = JSON.createObjectNode().put("id", nextId()).put("ts", ts);
        if (hr != null) n.put("hr", hr);
        if (spo2 != null) n.put("spo2", spo2);
        if (steps != null) n.put("steps", steps);
        if (battery != null) n.put("battery", battery);
        if (worn != null) n.put("worn", worn);
        if (lat != null && lon != null) {
            n.putObject("loc").put("lat", lat).put("lon", lon).put("acc", 20);
        }
        return client.publish(topic("telemetry"), bytes(n), qos, false);
    }

    /** Publishes a window of accelerometer samples in g, first sample at {@code ts}. */
    public void motion(long ts, int hz, double[][] samples) throws MqttException {
        ObjectNode n = JSON.createObjectNode().put("id", nextId()).put("ts", ts).put("hz", hz);
        var acc = n.putArray("acc");
        for (double[] s : samples) {
            acc.addArray().add(round(s[0])).add(round(s[1])).add(round(s[2]));
        }
        client.publish(topic("motion"), bytes(n), 0, false);
    }

    /** Sends raw bytes on one of this watch's topics: for malformed-input scenarios. */
    public void raw(String endpoint, byte[] payload, int qos) throws MqttException {
        client.publish(topic(endpoint), payload, qos, false).waitForCompletion(10_000);
    }

    /** Drops the TCP connection without a DISCONNECT, so the broker publishes the last will. */
    public void loseConnection() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    private void publish(String endpoint, ObjectNode body, int qos) throws MqttException {
        MqttMessage m = new MqttMessage(bytes(body));
        m.setQos(qos);
        client.publish(topic(endpoint), m).waitForCompletion(10_000);
    }

    private String topic(String endpoint) {
        return "eldercare/v1/devices/" + deviceId + "/" + endpoint;
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
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
