package org.eldercare.localinfra.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.localinfra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    private static final String SERVICE_USER = "platform";
    private static final String SERVICE_PASSWORD = "platform-dev-secret";
    private static final String DEVICE = "w-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_DEVICE = "w-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DEVICE_SECRET = "secret-" + UUID.randomUUID();

    @TempDir
    static Path stateDir;

    private static BrokerAuthEndpoints gateway;
    private static EmbeddedBroker broker;
    private static int port;

    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        gateway = new BrokerAuthEndpoints(Map.of(DEVICE, DEVICE_SECRET, OTHER_DEVICE, "other-secret"));
        port = FreePorts.next();
        broker = EmbeddedBroker.start("127.0.0.1", port, stateDir.resolve("embedded-mqtt"), auth(gateway));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        gateway.close();
    }

    @AfterEach
    void disconnectClients() throws MqttException {
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    @Test
    void theServiceAccountConnectsAndTheDeviceWithItsSecretToo() throws Exception {
        assertTrue(connect(port, "platform-observer-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD, true)
                .isConnected());
        assertTrue(connect(port, DEVICE, DEVICE, DEVICE_SECRET, true).isConnected());
    }

    @Test
    void aWrongSecretOrNoCredentialsAreRefused() {
        MqttSecurityException wrong = assertThrows(MqttSecurityException.class,
                () -> connect(port, DEVICE, DEVICE, "not-the-secret", true));
        assertTrue(wrong.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || wrong.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, wrong::toString);
        assertThrows(MqttSecurityException.class,
                () -> connect(port, "platform-impostor", SERVICE_USER, "guess", true));
        assertThrows(MqttException.class, () -> connect(port, DEVICE, null, null, true));
    }

    @Test
    void aDeviceCannotPublishOnAnotherDevicesTopic() throws Exception {
        BlockingQueue<MqttMessage> observed = new LinkedBlockingQueue<>();
        BlockingQueue<String> topics = new LinkedBlockingQueue<>();
        MqttClient observer = connect(port, "platform-observer-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD,
                true);
        observer.subscribe("eldercare/v1/devices/+/events", 1, (topic, message) -> {
            topics.add(topic);
            observed.add(message);
        });

        MqttClient device = connect(port, DEVICE, DEVICE, DEVICE_SECRET, true);
        // QoS 0 first, QoS 1 after: once the second is acknowledged the broker has handled the first.
        device.publish("eldercare/v1/devices/" + OTHER_DEVICE + "/events", payload("forged"), 0, false);
        device.publish("eldercare/v1/devices/" + DEVICE + "/events", payload("genuine"), 1, false);

        MqttMessage first = observed.poll(10, TimeUnit.SECONDS);
        assertArrayEquals(payload("genuine"), first == null ? null : first.getPayload());
        assertEquals("eldercare/v1/devices/" + DEVICE + "/events", topics.poll());
        assertNull(observed.poll(300, TimeUnit.MILLISECONDS), "the forged event must not be routed");
    }

    @Test
    void aDeviceCannotSubscribeToAnotherDevicesTopic() throws Exception {
        MqttClient device = connect(port, DEVICE, DEVICE, DEVICE_SECRET, true);
        int[] granted = device.subscribeWithResponse(
                new String[] {"eldercare/v1/devices/" + OTHER_DEVICE + "/#", "eldercare/v1/devices/" + DEVICE + "/#"},
                new int[] {1, 1}).getGrantedQos();
        assertEquals(0x80, granted[0]);
        assertEquals(1, granted[1]);
    }

    @Test
    void sharedSubscriptionsGetTheMessagesOfTheirFilter() throws Exception {
        String group = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient consumer = connect(port, group + "-test", SERVICE_USER, SERVICE_PASSWORD, true);
        consumer.subscribe("$share/" + group + "/eldercare/internal/v1/events/#", 1,
                (topic, message) -> received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));

        MqttClient publisher = connect(port, "publisher-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD, true);
        publisher.publish("eldercare/internal/v1/events/FALL/e-1", payload("{\"n\":1}"), 1, false);
        publisher.publish("eldercare/internal/v1/motion/w-1", payload("not for the group"), 1, false);
        publisher.publish("eldercare/internal/v1/events/SOS/e-2", payload("{\"n\":2}"), 1, false);

        assertEquals("$share/" + group + "/eldercare/internal/v1/events/FALL/e-1 {\"n\":1}",
                received.poll(10, TimeUnit.SECONDS));
        assertEquals("$share/" + group + "/eldercare/internal/v1/events/SOS/e-2 {\"n\":2}",
                received.poll(10, TimeUnit.SECONDS));
        assertNull(received.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void queuedMessagesSurviveABrokerRestart(@TempDir Path ownState) throws Exception {
        int ownPort = FreePorts.next();
        Path dataDir = ownState.resolve("embedded-mqtt");
        String consumerId = "persistent-consumer-" + UUID.randomUUID();
        String topic = "eldercare/internal/v1/care-circle/elder-" + UUID.randomUUID();

        EmbeddedBroker first = EmbeddedBroker.start("127.0.0.1", ownPort, dataDir, auth(gateway));
        try {
            MqttClient consumer = connect(ownPort, consumerId, SERVICE_USER, SERVICE_PASSWORD, false);
            consumer.subscribe(topic, 1);
            consumer.disconnect();
            MqttClient publisher = connect(ownPort, "publisher-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD,
                    true);
            publisher.publish(topic, payload("queued while away"), 1, false);
            publisher.disconnect();
        } finally {
            first.close();
        }

        EmbeddedBroker second = EmbeddedBroker.start("127.0.0.1", ownPort, dataDir, auth(gateway));
        try {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient consumer = new MqttClient("tcp://127.0.0.1:" + ownPort, consumerId, new MemoryPersistence());
            clients.add(consumer);
            consumer.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, MqttMessage m) {
                    received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            consumer.connect(options(SERVICE_USER, SERVICE_PASSWORD, false));
            assertEquals("queued while away", received.poll(10, TimeUnit.SECONDS));
        } finally {
            second.close();
        }
    }

    private static GatewayBrokerAuth auth(BrokerAuthEndpoints gateway) {
        return new GatewayBrokerAuth(gateway.baseUrl(), SERVICE_USER, SERVICE_PASSWORD, Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    private MqttClient connect(int brokerPort, String clientId, String user, String password, boolean clean)
            throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + brokerPort, clientId, new MemoryPersistence());
        clients.add(client);
        client.connect(options(user, password, clean));
        return client;
    }

    private static MqttConnectOptions options(String user, String password, boolean clean) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(clean);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
