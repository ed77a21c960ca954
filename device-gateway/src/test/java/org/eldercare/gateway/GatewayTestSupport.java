package org.eldercare.gateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.contracts.Topics;
import org.eldercare.devtokens.DevTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** REST and broker helpers shared by the gateway's integration tests. */
public final class GatewayTestSupport {

    public static final String BROKER = "tcp://127.0.0.1:1884";
    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static volatile Observer observer;

    private GatewayTestSupport() {
    }

    public static String admin() {
        return DevTokens.mint("admin-" + RUN, "device-admin");
    }

    public static String uid(String prefix) {
        return prefix + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Provisions a watch; answers {deviceId, secret}. */
    public static Map<String, String> provision(String deviceId) {
        Response r = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId, "model", "EC-W2", "firmware", "2.4.1", "serial", "SN-" + deviceId))
                .post("/api/devices");
        r.then().statusCode(201);
        return Map.of("deviceId", r.path("deviceId"), "secret", r.path("secret"));
    }

    public static void bind(String deviceId, String elderId) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("elderId", elderId))
                .put("/api/devices/{id}/binding", deviceId).then().statusCode(200);
    }

    public static String appPassword(String userId) {
        return given().auth().oauth2(admin()).post("/api/app-credentials/{u}", userId)
                .then().statusCode(201).extract().path("password");
    }

    public static MqttClient connect(String clientId, String username, String password) throws MqttException {
        MqttClient c = new MqttClient(BROKER, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        o.setUserName(username);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        c.connect(o);
        return c;
    }

    public static MqttClient watch(Map<String, String> device) throws MqttException {
        return connect(device.get("deviceId"), device.get("deviceId"), device.get("secret"));
    }

    public static void publish(MqttClient c, String topic, String json) throws MqttException {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        c.publish(topic, m);
    }

    public static String deviceTopic(String deviceId, String endpoint) {
        return "eldercare/v1/devices/" + deviceId + "/" + endpoint;
    }

    /** Waits until the gateway's consumers are connected, so that nothing published is lost. */
    public static void awaitReady() {
        await(() -> RestAssured.get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(30), "gateway ready");
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        org.awaitility.Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    public static synchronized Observer observer() throws MqttException {
        if (observer == null) {
            observer = new Observer();
        }
        return observer;
    }

    /** A platform-side client seeing every internal event, as the alert service would. */
    public static final class Observer {
        public record Received(String topic, String payload) {
        }

        public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        private final MqttClient client;

        Observer() throws MqttException {
            client = connect("gw-test-observer-" + RUN, "platform", "platform-dev-secret");
            client.subscribe(Topics.INTERNAL + "#", 1, (topic, msg) ->
                    received.add(new Received(topic, new String(msg.getPayload(), StandardCharsets.UTF_8))));
        }

        public List<Received> matching(Predicate<Received> p) {
            return received.stream().filter(p).toList();
        }

        public Received awaitOne(Predicate<Received> p, String what) {
            await(() -> !matching(p).isEmpty(), Duration.ofSeconds(10), what);
            return matching(p).get(0);
        }
    }
}
