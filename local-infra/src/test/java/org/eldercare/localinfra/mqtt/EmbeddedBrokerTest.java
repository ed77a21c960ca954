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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
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
    private final Map<MqttClient, MqttConnectOptions> optionsOf = new HashMap<>();

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
        // A clean session without a client id gets one from the broker, as with Mosquitto.
        assertTrue(connect(port, "", SERVICE_USER, SERVICE_PASSWORD, true).isConnected());
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
        onceConnected(observer, () -> observer.subscribe("eldercare/v1/devices/+/events", 1, (topic, message) -> {
            topics.add(topic);
            observed.add(message);
        }));

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
        int[][] granted = new int[1][];
        onceConnected(device, () -> granted[0] = device.subscribeWithResponse(
                new String[] {"eldercare/v1/devices/" + OTHER_DEVICE + "/#", "eldercare/v1/devices/" + DEVICE + "/#"},
                new int[] {1, 1}).getGrantedQos());
        assertEquals(0x80, granted[0][0]);
        assertEquals(1, granted[0][1]);
    }

    @Test
    void sharedSubscriptionsGetTheMessagesOfTheirFilterOnTheRealTopic() throws Exception {
        String group = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String shared = "$share/" + group + "/eldercare/internal/v1/events/#";
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient consumer = connect(port, group + "-test-events", SERVICE_USER, SERVICE_PASSWORD, true);
        // Messages arrive on their real topic, which Paho does not match to a per-subscription
        // listener registered for "$share/..." (the same with any broker): use the client's callback.
        consumer.setCallback(collectingInto(received));
        onceConnected(consumer, () -> consumer.subscribe(shared, 1));
        awaitSubscription();

        MqttClient publisher = connect(port, "publisher-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD, true);
        publisher.publish("eldercare/internal/v1/events/FALL/e-1", payload("{\"n\":1}"), 1, false);
        publisher.publish("eldercare/internal/v1/motion/w-1", payload("not for the group"), 1, false);
        publisher.publish("eldercare/internal/v1/events/SOS/e-2", payload("{\"n\":2}"), 1, false);

        assertEquals("eldercare/internal/v1/events/FALL/e-1 {\"n\":1}", received.poll(10, TimeUnit.SECONDS));
        assertEquals("eldercare/internal/v1/events/SOS/e-2 {\"n\":2}", received.poll(10, TimeUnit.SECONDS));
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "one copy per message, nothing else");

        consumer.unsubscribe(shared);
        awaitSubscription();
        publisher.publish("eldercare/internal/v1/events/FALL/e-3", payload("{\"n\":3}"), 1, false);
        assertNull(received.poll(500, TimeUnit.MILLISECONDS), "unsubscribed");
    }

    @Test
    void aCleanSessionLosesItsSharedSubscriptionWhenItDisconnects() throws Exception {
        String clientId = "clean-consumer-" + UUID.randomUUID();
        String topic = "eldercare/internal/v1/events/CHECK_IN/" + UUID.randomUUID();
        MqttClient consumer = connect(port, clientId, SERVICE_USER, SERVICE_PASSWORD, true);
        onceConnected(consumer, () -> consumer.subscribe("$share/clean/" + topic, 1));
        awaitSubscription();
        consumer.disconnect();
        awaitSubscription();

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        consumer.setCallback(collectingInto(received));
        consumer.connect(options(SERVICE_USER, SERVICE_PASSWORD, true));
        MqttClient publisher = connect(port, "publisher-" + UUID.randomUUID(), SERVICE_USER, SERVICE_PASSWORD, true);
        publisher.publish(topic, payload("{}"), 1, false);
        assertNull(received.poll(500, TimeUnit.MILLISECONDS));
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
            // As platform-mqtt consumers do: a persistent session on a shared subscription.
            onceConnected(consumer, () -> consumer.subscribe("$share/care-circles/" + topic, 1));
            awaitSubscription();
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
            consumer.setCallback(collectingInto(received));
            consumer.connect(options(SERVICE_USER, SERVICE_PASSWORD, false));
            assertEquals(topic + " queued while away", received.poll(10, TimeUnit.SECONDS));
        } finally {
            second.close();
        }
    }

    /**
     * Moquette tells interceptors about (un)subscriptions on its interceptor thread, just after the
     * SUBACK; a platform consumer is declared ready later than that, a test right after.
     */
    private static void awaitSubscription() throws InterruptedException {
        Thread.sleep(100);
    }

    interface MqttAction {
        void run() throws MqttException;
    }

    /**
     * Moquette 0.17 marks a connection as established in a listener on its CONNACK write, which
     * can run after a SUBSCRIBE sent the instant the CONNACK arrived; it then drops the connection
     * ("SUBSCRIBE received on already closed connection"). Clients that reconnect (platform-mqtt
     * does, after 250 ms) get over it; so do these tests, by connecting again and retrying.
     */
    private void onceConnected(MqttClient client, MqttAction action) throws MqttException {
        for (int attempt = 1;; attempt++) {
            try {
                action.run();
                return;
            } catch (MqttException e) {
                if (attempt == 3 || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
                if (!client.isConnected()) {
                    client.connect(optionsOf.get(client));
                }
            }
        }
    }

    /** Collects "topic payload" of every message the client receives. */
    private static MqttCallback collectingInto(BlockingQueue<String> received) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    private static GatewayBrokerAuth auth(BrokerAuthEndpoints gateway) {
        return new GatewayBrokerAuth(gateway.baseUrl(), SERVICE_USER, SERVICE_PASSWORD, Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    private MqttClient connect(int brokerPort, String clientId, String user, String password, boolean clean)
            throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + brokerPort, clientId, new MemoryPersistence());
        clients.add(client);
        MqttConnectOptions options = options(user, password, clean);
        optionsOf.put(client, options);
        client.connect(options);
        return client;
    }

    private static MqttConnectOptions options(String user, String password, boolean clean) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
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
