package org.eldercare.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.contracts.Topics;
import org.eldercare.gateway.GatewayTestSupport.Observer.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.eldercare.gateway.GatewayTestSupport.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IngestTest {

    private final List<MqttClient> clients = new ArrayList<>();
    private GatewayTestSupport.Observer observer;

    @BeforeEach
    void ready() throws MqttException {
        awaitReady();
        observer = GatewayTestSupport.observer();
    }

    @AfterEach
    void close() {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
                c.close();
            } catch (MqttException ignored) {
                // the broker may have dropped it on purpose
            }
        }
    }

    private MqttClient track(MqttClient c) {
        clients.add(c);
        return c;
    }

    /** A provisioned watch bound to a fresh elder: [deviceId, elderId] and a connected client. */
    private record Watch(String deviceId, String elderId, MqttClient client) {
        void send(String endpoint, String json) throws MqttException {
            publish(client, deviceTopic(deviceId, endpoint), json);
        }
    }

    private Watch boundWatch() throws MqttException {
        Map<String, String> d = provision(uid("w"));
        String elder = uid("e");
        bind(d.get("deviceId"), elder);
        return new Watch(d.get("deviceId"), elder, track(watch(d)));
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static String msgId() {
        return UUID.randomUUID().toString();
    }

    private Received awaitEvent(String type, String key, Predicate<String> payload, String what) {
        if (type.equals("VITALS")) {
            await(() -> vitals(key).stream().anyMatch(r -> payload.test(r.payload())), java.time.Duration.ofSeconds(10), what);
            return vitals(key).stream().filter(r -> payload.test(r.payload())).findFirst().orElseThrow();
        }
        String topic = Topics.EVENTS + type + "/" + key;
        return observer.awaitOne(r -> r.topic().equals(topic) && payload.test(r.payload()), what);
    }

    private long count(String type, String key, String contains) {
        if (type.equals("VITALS")) {
            return vitals(key).stream().filter(r -> r.payload().contains(contains)).count();
        }
        String topic = Topics.EVENTS + type + "/" + key;
        return observer.matching(r -> r.topic().equals(topic) && r.payload().contains(contains)).size();
    }

    /**
     * VITALS go out as one batch message per stored telemetry batch: the elder's events in them,
     * one {@code Received} per event (its own JSON), in the order published.
     */
    private List<Received> vitals(String elderId) {
        List<Received> out = new ArrayList<>();
        for (Received r : observer.matching(x -> x.topic().startsWith(Topics.VITALS))) {
            try {
                for (com.fasterxml.jackson.databind.JsonNode e : JSON.readTree(r.payload()).get("events")) {
                    if (elderId.equals(e.path("elderId").asText())) {
                        out.add(new Received(r.topic(), e.toString()));
                    }
                }
            } catch (java.io.IOException bad) {
                throw new AssertionError("unreadable vitals batch " + r.payload(), bad);
            }
        }
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void telemetryIsStoredAnnouncedAndUpdatesTheDeviceState() throws MqttException {
        Watch w = boundWatch();
        String id = msgId();
        long ts = now() - 1000;
        w.send("telemetry", "{\"id\":\"" + id + "\",\"ts\":" + ts + ",\"hr\":72,\"spo2\":97,\"steps\":1200,"
                + "\"battery\":81,\"worn\":true,\"loc\":{\"lat\":39.94,\"lon\":116.1,\"acc\":15}}");
        Received r = awaitEvent("VITALS", w.elderId(), p -> p.contains(id), "VITALS event");
        assertTrue(r.payload().contains("\"eventId\":\"" + w.deviceId() + ":" + id + "\""), r.payload());
        assertTrue(r.payload().contains("\"hr\":72") && r.payload().contains("\"elderId\":\"" + w.elderId() + "\""));
        given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry", w.deviceId()).then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].id", equalTo(id)).body("items[0].hr", is(72))
                .body("items[0].loc.lat", is(39.94f)).body("items[0].elderId", equalTo(w.elderId()));
        given().auth().oauth2(admin()).get("/api/elders/{e}/telemetry?size=10", w.elderId()).then().statusCode(200)
                .body("items.id", contains(id));
        given().auth().oauth2(admin()).get("/api/devices/{id}/state", w.deviceId()).then().statusCode(200)
                .body("battery", is(81)).body("worn", is(true)).body("loc.lon", is(116.1f)).body("lastSeen", notNullValue())
                .body("elderId", equalTo(w.elderId()));
        given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry?from=bad", w.deviceId()).then().statusCode(400);
    }

    @Test
    void aResendAfterALostPubackHasNoSecondEffect() throws MqttException {
        Watch w = boundWatch();
        String t = "{\"id\":\"t-1\",\"ts\":" + (now() - 500) + ",\"hr\":70}";
        String e = "{\"id\":\"e-1\",\"ts\":" + (now() - 400) + ",\"type\":\"SOS\"}";
        w.send("telemetry", t);
        w.send("events", e);
        awaitEvent("SOS", w.elderId(), p -> p.contains("e-1"), "first SOS");
        awaitEvent("VITALS", w.elderId(), p -> p.contains("t-1"), "first VITALS");
        // The original's handling is over (its event marked published) before the resend, as after a lost PUBACK
        await(() -> Boolean.TRUE.equals(RestAssured.given().auth().oauth2(admin()).get("/api/devices/{id}/events", w.deviceId())
                .path("find { it.id == 'e-1' }.published")), java.time.Duration.ofSeconds(5), "first SOS marked published");
        w.send("telemetry", t);
        w.send("events", e);
        // A later message from the same watch: once it is through, the resends were handled too.
        w.send("events", "{\"id\":\"e-2\",\"ts\":" + now() + ",\"type\":\"CHECK_IN\"}");
        awaitEvent("CHECK_IN", w.elderId(), p -> p.contains("e-2"), "marker");
        await(() -> RestAssured.given().auth().oauth2(admin()).get("/api/devices/{id}/events", w.deviceId())
                .path("size()").equals(2), java.time.Duration.ofSeconds(5), "events stored");
        given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry", w.deviceId()).then().body("items.size()", is(1));
        assertEquals(1, count("SOS", w.elderId(), "e-1"));
        assertEquals(1, count("VITALS", w.elderId(), "t-1"));
        String metrics = RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.contains("eldercare_gateway_rejected_total{reason=\"DUPLICATE\"}"), "duplicate counter");
    }

    @Test
    void everyWatchEventTypeBecomesAPlatformEvent() throws MqttException {
        Watch w = boundWatch();
        long ts = now() - 2000;
        for (String type : List.of("FALL", "SOS", "CHECK_IN", "WORN", "REMOVED", "LOW_BATTERY")) {
            w.send("events", "{\"id\":\"" + type + "-1\",\"ts\":" + ts + ",\"type\":\"" + type
                    + "\",\"loc\":{\"lat\":39.9,\"lon\":116.3}}");
        }
        w.send("events", "{\"id\":\"cancel-1\",\"ts\":" + (ts + 10) + ",\"type\":\"FALL_CANCELLED\",\"ref\":\"FALL-1\"}");
        for (String type : List.of("FALL", "SOS", "CHECK_IN", "WORN", "REMOVED", "LOW_BATTERY")) {
            Received r = awaitEvent(type, w.elderId(), p -> p.contains(type + "-1"), type);
            assertTrue(r.payload().contains("\"eventId\":\"" + w.deviceId() + ":" + type + "-1\""), r.payload());
            assertTrue(r.payload().contains("\"deviceId\":\"" + w.deviceId() + "\""), r.payload());
            assertTrue(r.payload().contains("\"ts\":" + ts), r.payload());
        }
        Received cancel = awaitEvent("FALL_CANCELLED", w.elderId(), p -> p.contains("cancel-1"), "FALL_CANCELLED");
        assertTrue(cancel.payload().contains("\"ref\":\"FALL-1\""), cancel.payload());
    }

    @Test
    void motionWindowsGoToTheMotionTopic() throws MqttException {
        Watch w = boundWatch();
        w.send("motion", "{\"id\":\"m-1\",\"ts\":" + (now() - 1000) + ",\"hz\":25,\"acc\":[[0.01,-0.98,0.12],[0.02,-0.97,0.1]]}");
        Received r = observer.awaitOne(x -> x.topic().equals(Topics.motion(w.deviceId())), "motion");
        assertTrue(r.payload().contains("\"eventId\":\"" + w.deviceId() + ":m-1\""), r.payload());
        assertTrue(r.payload().contains("\"elderId\":\"" + w.elderId() + "\"") && r.payload().contains("[0.01,-0.98,0.12]"),
                r.payload());
    }

    @Test
    void onlineAndTheLastWillBecomeConnectivityEvents() throws Exception {
        Map<String, String> d = provision(uid("w"));
        String id = d.get("deviceId");
        String elder = uid("e");
        bind(id, elder);
        MqttClient c = new MqttClient(BROKER, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
        o.setUserName(id);
        o.setPassword(d.get("secret").toCharArray());
        o.setWill(deviceTopic(id, "status"), "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8), 1, true);
        o.setKeepAliveInterval(5);
        c.connect(o);
        MqttMessage online = new MqttMessage(("{\"state\":\"online\",\"fw\":\"2.4.9\",\"ts\":" + now() + "}").getBytes(StandardCharsets.UTF_8));
        online.setQos(1);
        online.setRetained(true);
        c.publish(deviceTopic(id, "status"), online);
        awaitEvent("DEVICE_ONLINE", elder, p -> p.contains(id), "online");
        // Drop the connection without DISCONNECT, as a watch losing coverage does: the broker sends the will.
        c.disconnectForcibly(0, 100, false);
        Received off = awaitEvent("DEVICE_OFFLINE", elder, p -> p.contains(id), "offline");
        assertTrue(off.payload().contains("\"deviceId\":\"" + id + "\""), off.payload());
        given().auth().oauth2(admin()).get("/api/devices/{id}/state", id).then().body("online", is(false))
                .body("firmware", equalTo("2.4.9"));
        // The console's device list asks for a page of watches at once; an unknown id is left out
        given().auth().oauth2(admin()).get("/api/devices/state?ids={a},no-such-watch", id).then().statusCode(200)
                .body("deviceId", contains(id)).body("[0].online", is(false)).body("[0].firmware", equalTo("2.4.9"));
        given().auth().oauth2(admin()).get("/api/devices/state?ids= ,").then().statusCode(400)
                .body("detail", containsString("device ids"));
        String tooMany = String.join(",", java.util.stream.IntStream.range(0, 501).mapToObj(i -> "w" + i).toList());
        given().auth().oauth2(admin()).get("/api/devices/state?ids=" + tooMany).then().statusCode(400)
                .body("detail", containsString("at most 500"));
        c.close();
    }

    @Test
    void visitorLocationsAndAcksFromApps() throws MqttException {
        String visitor = uid("v");
        MqttClient app = track(connect("app-" + visitor, visitor, appPassword(visitor)));
        publish(app, "eldercare/v1/visitors/" + visitor + "/location",
                "{\"id\":\"l-1\",\"ts\":" + now() + ",\"loc\":{\"lat\":39.91,\"lon\":116.4,\"acc\":8},\"onDuty\":true}");
        publish(app, "eldercare/v1/visitors/" + visitor + "/acks",
                "{\"id\":\"a-1\",\"ts\":" + now() + ",\"notificationId\":\"n-1\",\"action\":\"ACCEPTED\"}");
        Received loc = awaitEvent("VISITOR_LOCATION", visitor, p -> p.contains("l-1"), "location");
        assertTrue(loc.payload().contains("\"actorId\":\"" + visitor + "\"") && loc.payload().contains("\"onDuty\":true"));
        assertTrue(!loc.payload().contains("elderId"), loc.payload());
        Received ack = awaitEvent("NOTIFICATION_ACK", visitor, p -> p.contains("a-1"), "ack");
        assertTrue(ack.payload().contains("\"notificationId\":\"n-1\"") && ack.payload().contains("\"action\":\"ACCEPTED\""));
        String family = uid("f");
        MqttClient fam = track(connect("app-" + family, family, appPassword(family)));
        publish(fam, "eldercare/v1/users/" + family + "/acks",
                "{\"id\":\"a-2\",\"ts\":" + now() + ",\"notificationId\":\"n-2\",\"action\":\"RESOLVED\",\"note\":\"all well\"}");
        Received famAck = awaitEvent("NOTIFICATION_ACK", family, p -> p.contains("a-2"), "family ack");
        assertTrue(famAck.payload().contains("\"note\":\"all well\""));
    }

    @Test
    void aWatchCannotPublishOrSubscribeOnAnotherWatchsTopics() throws MqttException {
        Watch a = boundWatch();
        Watch b = boundWatch();
        MqttClient raw = track(connect("gw-test-raw-" + uid("o"), "platform", "platform-dev-secret"));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        raw.subscribe("eldercare/v1/devices/#", 1, (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        publish(a.client(), deviceTopic(b.deviceId(), "events"), "{\"id\":\"spoof\",\"ts\":" + now() + ",\"type\":\"SOS\"}");
        a.send("events", "{\"id\":\"own\",\"ts\":" + now() + ",\"type\":\"CHECK_IN\"}");
        awaitEvent("CHECK_IN", a.elderId(), p -> p.contains("own"), "A's own event");
        await(() -> seen.stream().anyMatch(s -> s.contains("\"own\"")), java.time.Duration.ofSeconds(5), "raw copy");
        assertTrue(seen.stream().noneMatch(s -> s.contains("spoof")), "the broker let A publish as B: " + seen);
        assertEquals(0, count("SOS", b.elderId(), "spoof"));
        int[] granted = a.client().subscribeWithResponse(deviceTopic(b.deviceId(), "#"), 1).getGrantedQos();
        assertEquals(128, granted[0], "A may not subscribe to B's topics");
        // Apps likewise: a visitor cannot report another visitor's location
        String v1 = uid("v"), v2 = uid("v");
        MqttClient app = track(connect("app-" + v1, v1, appPassword(v1)));
        appPassword(v2);
        publish(app, "eldercare/v1/visitors/" + v2 + "/location", "{\"id\":\"spoof\",\"ts\":" + now() + ",\"loc\":{\"lat\":1,\"lon\":1}}");
        publish(app, "eldercare/v1/visitors/" + v1 + "/location", "{\"id\":\"own\",\"ts\":" + now() + ",\"loc\":{\"lat\":1,\"lon\":1}}");
        awaitEvent("VISITOR_LOCATION", v1, p -> p.contains("own"), "own location");
        assertEquals(0, count("VISITOR_LOCATION", v2, "spoof"));
        assertEquals(128, app.subscribeWithResponse("eldercare/v1/users/" + v2 + "/notifications", 1).getGrantedQos()[0]);
        assertEquals(1, app.subscribeWithResponse("eldercare/v1/users/" + v1 + "/notifications", 1).getGrantedQos()[0]);
    }

    @Test
    void badInputIsCountedQuarantinedByReasonAndNeverBlocksTheStream() throws MqttException {
        Watch w = boundWatch();
        long now = now();
        w.send("telemetry", "{not json");
        w.send("telemetry", "{\"ts\":" + now + "}");
        w.send("telemetry", "{\"id\":\"x1\",\"ts\":" + now + ",\"hr\":300}");
        w.send("telemetry", "{\"id\":\"x2\",\"ts\":" + now + ",\"battery\":140}");
        w.send("telemetry", "{\"id\":\"x3\",\"ts\":" + (now + 3_600_000) + "}");
        w.send("telemetry", "{\"id\":\"x4\",\"ts\":" + (now - 30L * 86_400_000) + "}");
        w.send("telemetry", "{\"id\":\"x5\",\"ts\":" + now + ",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        w.send("events", "{\"id\":\"x6\",\"ts\":" + now + ",\"type\":\"PARTY\"}");
        w.send("events", "{\"id\":\"x7\",\"ts\":\"yesterday\",\"type\":\"SOS\"}");
        w.send("bogus", "{\"id\":\"x8\",\"ts\":" + now + "}");
        // Topics only the platform account can reach: unknown and retired devices, unknown app users
        MqttClient platform = track(connect("gw-test-inject-" + uid("p"), "platform", "platform-dev-secret"));
        String ghost = uid("ghost");
        publish(platform, deviceTopic(ghost, "telemetry"), "{\"id\":\"g1\",\"ts\":" + now + "}");
        String retired = provision(uid("w")).get("deviceId");
        given().auth().oauth2(admin()).post("/api/devices/{id}/retire", retired).then().statusCode(200);
        publish(platform, deviceTopic(retired, "telemetry"), "{\"id\":\"r1\",\"ts\":" + now + "}");
        String stranger = uid("v");
        publish(platform, "eldercare/v1/visitors/" + stranger + "/location", "{\"id\":\"s1\",\"ts\":" + now + ",\"loc\":{\"lat\":1,\"lon\":1}}");
        // ...and a good message still flows
        w.send("events", "{\"id\":\"good\",\"ts\":" + now + ",\"type\":\"SOS\"}");
        awaitEvent("SOS", w.elderId(), p -> p.contains("good"), "good SOS after garbage");

        Map<String, String> expected = Map.of("MALFORMED_JSON", "{not json", "OUT_OF_RANGE", "\"hr\":300",
                "TS_IN_FUTURE", "x3", "TS_TOO_OLD", "x4", "OVERSIZED", "x5", "UNKNOWN_EVENT_TYPE", "PARTY",
                "TOPIC_MISMATCH", "x8");
        await(() -> RestAssured.given().auth().oauth2(admin()).get("/api/quarantine?deviceId={d}&size=100", w.deviceId())
                .jsonPath().getList("items").size() >= 10, java.time.Duration.ofSeconds(10), "quarantine rows");
        List<Map<String, Object>> items = given().auth().oauth2(admin())
                .get("/api/quarantine?deviceId={d}&size=100", w.deviceId()).jsonPath().getList("items");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(items.stream().anyMatch(i -> e.getKey().equals(i.get("reason"))
                    && String.valueOf(i.get("payload")).contains(e.getValue())), e.getKey() + " in " + items);
        }
        assertEquals(2, items.stream().filter(i -> "SCHEMA".equals(i.get("reason"))).count(), "missing id, ts of wrong type");
        assertTrue(items.stream().anyMatch(i -> "OVERSIZED".equals(i.get("reason")) && ((Integer) i.get("size")) > 20_000));
        given().auth().oauth2(admin()).get("/api/quarantine?deviceId={d}&reason=UNKNOWN_DEVICE", ghost).then()
                .body("items.size()", is(1)).body("items[0].topic", endsWith("/telemetry"));
        given().auth().oauth2(admin()).get("/api/quarantine?deviceId={d}&reason=RETIRED_DEVICE", retired).then()
                .body("items.size()", is(1));
        given().auth().oauth2(admin()).get("/api/quarantine?deviceId={d}&reason=UNKNOWN_SENDER", stranger).then()
                .body("items.size()", is(1));
        given().auth().oauth2(admin()).get("/api/devices/{id}/rejects", w.deviceId()).then().statusCode(200)
                .body("find { it.reason == 'OUT_OF_RANGE' }.count", is(2));
        given().auth().oauth2(admin()).get("/api/quarantine/summary").then().statusCode(200).body("size()", greaterThan(0));
        String metrics = RestAssured.get("/q/metrics").asString();
        for (String reason : List.of("MALFORMED_JSON", "SCHEMA", "OUT_OF_RANGE", "TS_IN_FUTURE", "TS_TOO_OLD", "OVERSIZED",
                "UNKNOWN_EVENT_TYPE", "TOPIC_MISMATCH", "UNKNOWN_DEVICE", "RETIRED_DEVICE", "UNKNOWN_SENDER")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("eldercare_gateway_rejected_total{reason=\"" + reason + "\"}")
                    && !l.endsWith(" 0.0")), "counter for " + reason);
        }
    }

    @Test
    void aBufferedBurstOfOldDataIsStoredAndDoesNotOverwriteFresherState() throws MqttException {
        Watch w = boundWatch();
        long now = now();
        w.send("telemetry", "{\"id\":\"fresh\",\"ts\":" + now + ",\"battery\":90,\"worn\":true}");
        awaitEvent("VITALS", w.elderId(), p -> p.contains("fresh"), "fresh sample");
        for (int i = 0; i < 30; i++) {
            long ts = now - 3 * 3_600_000L + i * 60_000L;
            w.send("telemetry", "{\"id\":\"old-" + i + "\",\"ts\":" + ts + ",\"battery\":" + (60 - i) + ",\"hr\":" + (60 + i) + "}");
        }
        await(() -> RestAssured.given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry?size=100", w.deviceId())
                .jsonPath().getList("items").size() == 31, java.time.Duration.ofSeconds(10), "burst stored");
        given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry?size=5&page=0", w.deviceId()).then()
                .body("items[0].id", equalTo("fresh")).body("items[1].id", equalTo("old-29"));
        given().auth().oauth2(admin()).get("/api/devices/{id}/telemetry?size=5&page=6", w.deviceId()).then()
                .body("items.id", contains("old-0"));
        given().auth().oauth2(admin()).get("/api/devices/{id}/state", w.deviceId()).then().body("battery", is(90));
        // Each stored sample is announced once, whichever batch it travelled in, and in the order of the vital signs
        for (int i = 0; i < 30; i++) {
            String id = "\"old-" + i + "\"";
            await(() -> count("VITALS", w.elderId(), id) > 0, java.time.Duration.ofSeconds(10), "VITALS of " + id);
            assertEquals(1, count("VITALS", w.elderId(), id), "VITALS of " + id);
            assertTrue(vitals(w.elderId()).stream().anyMatch(r -> r.payload().contains(id) && r.payload().contains(
                    "\"hr\":" + (60 + Integer.parseInt(id.substring(5, id.length() - 1))))), "hr of " + id);
        }
        // Old battery readings below the threshold are history, not a fresh drop
        assertEquals(0, count("LOW_BATTERY", w.elderId(), w.deviceId()));
    }

    @Test
    void lowBatteryOncePerDropAndTakingTheWatchOffAreEvents() throws MqttException {
        Watch w = boundWatch();
        long start = now() - 10_000;
        int[] battery = {50, 15, 10, 30, 12};
        for (int i = 0; i < battery.length; i++) {
            String id = "b-" + i;
            // one at a time: the state progression is what is under test
            w.send("telemetry", "{\"id\":\"" + id + "\",\"ts\":" + (start + i * 1000) + ",\"battery\":" + battery[i]
                    + ",\"worn\":true}");
            awaitEvent("VITALS", w.elderId(), p -> p.contains("\"" + id + "\""), id);
        }
        w.send("telemetry", "{\"id\":\"off\",\"ts\":" + (start + 6000) + ",\"worn\":false}");
        Received removed = awaitEvent("REMOVED", w.elderId(), p -> p.contains(w.deviceId() + ":off:REMOVED"), "REMOVED");
        assertTrue(removed.payload().contains("\"worn\":false"), removed.payload());
        awaitEvent("LOW_BATTERY", w.elderId(), p -> p.contains(w.deviceId() + ":b-1:LOW_BATTERY"), "first drop");
        awaitEvent("LOW_BATTERY", w.elderId(), p -> p.contains(w.deviceId() + ":b-4:LOW_BATTERY"), "second drop");
        assertEquals(2, count("LOW_BATTERY", w.elderId(), w.deviceId()));
        given().auth().oauth2(admin()).get("/api/devices/{id}/state", w.deviceId()).then().body("battery", is(12))
                .body("worn", is(false));
    }

    @Test
    void anSosFromAnUnboundWatchIsKeptAndCounted() throws MqttException {
        Map<String, String> d = provision(uid("w"));
        MqttClient c = track(watch(d));
        publish(c, deviceTopic(d.get("deviceId"), "events"), "{\"id\":\"lonely\",\"ts\":" + now() + ",\"type\":\"SOS\"}");
        await(() -> RestAssured.given().auth().oauth2(admin()).get("/api/devices/{id}/events", d.get("deviceId"))
                .jsonPath().getList("$").size() == 1, java.time.Duration.ofSeconds(10), "unbound SOS stored");
        given().auth().oauth2(admin()).get("/api/devices/{id}/events", d.get("deviceId")).then()
                .body("[0].id", equalTo("lonely")).body("[0].type", equalTo("SOS")).body("[0].published", is(false))
                .body("[0].elderId", nullValue());
        assertTrue(RestAssured.get("/q/metrics").asString().contains("eldercare_gateway_unbound_events_total{type=\"SOS\"}"));
    }
}
