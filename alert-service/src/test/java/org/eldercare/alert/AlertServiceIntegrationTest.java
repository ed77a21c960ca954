package org.eldercare.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eldercare.alert.alert.ClearableConditions;
import org.eldercare.alert.event.Consumers;
import org.eldercare.alert.notification.WebhookSignature;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VitalsBatch;
import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.eldercare.alert.AlertServiceTestClient.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The service end to end against the real PostgreSQL and broker: events in over MQTT, alerts,
 * notifications out over MQTT and the local webhook/SMS stand-ins, transitions over REST. visit-service
 * is never running: care circles arrive over MQTT, as they would while it is down.
 */
@QuarkusTest
class AlertServiceIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String BUREAU = DevTokens.mint("bureau-1", "bureau");

    private static HttpServer http;
    private static final Map<String, Integer> webhookCalls = new ConcurrentHashMap<>();
    private static final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private static final List<String> webhookSignatures = new CopyOnWriteArrayList<>();
    private static final List<String> smsBodies = new CopyOnWriteArrayList<>();
    private static AlertServiceTestClient broker;

    @Inject
    Pool pool;
    @Inject
    Consumers consumers;
    @Inject
    ClearableConditions clearable;

    @BeforeAll
    static void startStandIns() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 18931), 0);
        http.createContext("/webhook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            // Each notification's first two deliveries fail, to prove the retries.
            String id = ex.getRequestHeaders().getFirst("X-Eldercare-Notification-Id");
            int status = webhookCalls.merge(id, 1, Integer::sum) <= 2 ? 503 : 200;
            if (status == 200) {
                webhookBodies.add(new String(body, StandardCharsets.UTF_8));
                webhookSignatures.add(ex.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        http.createContext("/sms", ex -> {
            smsBodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        broker = AlertServiceTestClient.connect("alert-test-observer-" + RUN).observeNotifications();
    }

    @AfterAll
    static void stopStandIns() throws Exception {
        http.stop(0);
        broker.close();
    }

    // --- helpers ---

    private void awaitConsumers() {
        AlertServiceTestClient.awaitConnected(consumers, true, true);
    }

    private static PlatformEvent event(PlatformEventType type, String elderId, String deviceId, String msgId, long ts, String ref) {
        return new PlatformEvent(deviceId + ":" + msgId, type, elderId, deviceId, null, msgId, ts, System.currentTimeMillis(),
                new GeoPoint(39.9071, 116.2105, 10.0), ref, null, null, null, null, null, null, null, null, null, null);
    }

    private static PlatformEvent ack(String userId, String notificationId, String action, String note) {
        return new PlatformEvent("app:" + userId + ":" + UUID.randomUUID(), PlatformEventType.NOTIFICATION_ACK, null, null, userId,
                UUID.randomUUID().toString(), System.currentTimeMillis(), System.currentTimeMillis(), null, null, null, null, null,
                null, null, null, notificationId, action, note, null);
    }

    private static void publishEvent(PlatformEvent e) {
        broker.publishEvent(e);
    }

    private record Circle(String elderId, String visitor, String family, String operator, String station, String dutyPhone) {
    }

    private Circle circle(String name, boolean checkIn) {
        String s = name + "-" + RUN;
        Circle c = new Circle("E-" + s, "V-" + s, "U-" + s, "op-" + s, "ST-" + s, "010-" + s);
        publishCircle(c, 1, checkIn, "10:00");
        await("care circle stored", () -> count("select count(*) from care_circles where elder_id = $1", c.elderId) == 1, Duration.ofSeconds(10));
        return c;
    }

    private static void publishCircle(Circle c, long version, boolean checkIn, String deadline) {
        String s = c.elderId.substring(2);
        broker.publish(Topics.careCircle(c.elderId), new CareCircle(c.elderId, version, true, "Elder " + s, "Road 1", new GeoPoint(39.9071, 116.2105, null),
                "110107001" + "001", c.station, "HIGH", List.of("LIVING_ALONE"),
                new CareCircle.CheckInPolicy(checkIn, deadline), null, null,
                List.of(new CareCircle.FamilyContact(c.family, "Son", "SON", "138-" + s, 1, List.of("APP"))),
                List.of(new CareCircle.AssignedVisitor(c.visitor, "Visitor", "139")),
                new CareCircle.StationOnDuty(c.station, "Station", List.of(c.operator), c.dutyPhone)));
    }

    private long count(String sql, Object... params) {
        return AlertServiceTestClient.count(pool, sql, params);
    }

    private static List<Map<String, Object>> alertsOf(String elderId, boolean open) {
        return given().auth().oauth2(BUREAU).queryParam("elderId", elderId).queryParam("open", open)
                .get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonNode notificationFor(String userId, String alertId) {
        return broker.notificationsTo(userId).stream().filter(n -> n.path("alertId").asText().equals(alertId))
                .findFirst().orElse(null);
    }

    // --- tests ---

    @Test
    void sosIsAlertedToTier1AndFollowsTheClosedLoop() {
        awaitConsumers();
        Circle c = circle("sos", false);
        publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "m1", System.currentTimeMillis(), null));
        await("SOS alert dispatched", () -> "DISPATCHED".equals(alertsOf(c.elderId, true).get(0).get("state")), Duration.ofSeconds(10));
        Map<String, Object> alert = alertsOf(c.elderId, true).get(0);
        String alertId = (String) alert.get("id");
        assertEquals("SOS", alert.get("kind"));
        assertEquals("CRITICAL", alert.get("severity"));

        await("visitor and family notified", () -> notificationFor(c.visitor, alertId) != null && notificationFor(c.family, alertId) != null,
                Duration.ofSeconds(10));
        JsonNode n = notificationFor(c.visitor, alertId);
        assertEquals(c.elderId, n.path("elderId").asText());
        assertEquals("ACCEPTED", n.path("actions").get(1).asText());

        // Visitor accepts from the app: the lifecycle moves, the escalation chain stops.
        publishEvent(ack(c.visitor, n.path("notificationId").asText(), "ACCEPTED", null));
        await("accepted", () -> "ACCEPTED".equals(alertsOf(c.elderId, true).get(0).get("state")), Duration.ofSeconds(10));
        assertEquals(0, count("select count(*) from timers where kind = 'ESCALATE' and timer_key = $1", alertId));

        String visitor = DevTokens.mint(c.visitor, "visitor");
        String stranger = DevTokens.mint("V-stranger-" + RUN, "visitor");
        String operator = DevTokens.operator(c.operator, c.station);
        String otherOperator = DevTokens.operator("op-x", "ST-other-" + RUN);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/arrive").then().statusCode(404);
        given().auth().oauth2(visitor).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/arrive")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.is("ARRIVED"));
        given().auth().oauth2(visitor).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/resolve").then().statusCode(400);
        given().auth().oauth2(visitor).contentType(ContentType.JSON).body("{\"note\":\"helped up, no injury\"}")
                .post("/api/alerts/" + alertId + "/resolve").then().statusCode(200).body("state", org.hamcrest.Matchers.is("RESOLVED"));
        given().auth().oauth2(visitor).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/verify").then().statusCode(403);
        given().auth().oauth2(otherOperator).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/verify").then().statusCode(404);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/close")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/verify").then().statusCode(200);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/close")
                .then().statusCode(200).body("state", org.hamcrest.Matchers.is("CLOSED"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("{\"note\":\"x\"}").post("/api/alerts/" + alertId + "/cancel").then().statusCode(409);
        given().auth().oauth2(operator).get("/api/alerts/not-a-uuid").then().statusCode(404);

        // The timeline has every step, stamped with who did it.
        List<Map<String, Object>> timeline = given().auth().oauth2(DevTokens.mint(c.family, "family")).get("/api/alerts/" + alertId)
                .then().statusCode(200).extract().jsonPath().getList("timeline");
        List<String> transitions = timeline.stream().filter(t -> "TRANSITION".equals(t.get("entry")))
                .map(t -> t.get("toState") + " by " + t.get("actor")).toList();
        assertEquals(List.of("DISPATCHED by system", "ACCEPTED by " + c.visitor, "ARRIVED by " + c.visitor, "RESOLVED by " + c.visitor,
                "VERIFIED by " + c.operator, "CLOSED by " + c.operator), transitions);

        // Statistics count it for its street.
        List<Map<String, Object>> stats = given().auth().oauth2(operator)
                .queryParam("from", Instant.now().minusSeconds(3600).toString()).queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/alerts/statistics").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, stats.size());
        assertEquals("110107001", stats.get(0).get("street"));
        assertEquals(1.0, ((Number) stats.get(0).get("closeRate")).doubleValue());
        given().auth().oauth2(operator).get("/api/alerts/statistics").then().statusCode(400);
    }

    @Test
    void concurrentRepeatsKeepOneOpenAlertAndResendsCountOnce() throws Exception {
        awaitConsumers();
        Circle c = circle("dup", false);
        ExecutorService pool4 = Executors.newFixedThreadPool(4);
        long ts = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            int k = i;
            pool4.submit(() -> publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "sos-" + k, ts + k, null)));
        }
        pool4.shutdown();
        assertTrue(pool4.awaitTermination(10, TimeUnit.SECONDS));
        // The same message resent (same id): handled once.
        publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "sos-0", ts, null));
        publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "sos-1", ts + 1, null));
        await("20 events counted", () -> count("select coalesce(sum(repeat_count), 0) from alerts where elder_id = $1", c.elderId) == 20,
                Duration.ofSeconds(15));
        assertEquals(1, count("select count(*) from alerts where elder_id = $1", c.elderId));
        // Resends must not be counted: the count holds at 20 for a while.
        org.awaitility.Awaitility.await("no resend counted").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> count("select repeat_count from alerts where elder_id = $1", c.elderId) == 20);
    }

    @Test
    void aFallOpensOnlyAfterTheCancelWindowAndNotAtAllWhenCancelled() {
        awaitConsumers();
        Circle c = circle("fall", false);
        String device = "W-" + c.elderId;
        long now = System.currentTimeMillis();
        publishEvent(event(PlatformEventType.FALL, c.elderId, device, "f1", now, null));
        publishEvent(event(PlatformEventType.FALL_CANCELLED, c.elderId, device, "f1-cancel", now + 500, "f1"));
        publishEvent(event(PlatformEventType.FALL, c.elderId, device, "f2", now, null));
        await("f2 pending in its window", () -> count("select count(*) from timers where kind = 'FALL_CONFIRM' and timer_key = $1", device + ":f2") == 1,
                Duration.ofSeconds(5));
        assertEquals(0, count("select count(*) from alerts where elder_id = $1", c.elderId), "no alert inside the cancel window");
        await("fall alert after the window", () -> count("select count(*) from alerts where elder_id = $1 and kind = 'FALL'", c.elderId) == 1,
                Duration.ofSeconds(6));
        long openedAfterMs = count("select (extract(epoch from opened_at) * 1000)::bigint from alerts where elder_id = $1", c.elderId) - now;
        assertTrue(openedAfterMs >= 2000, "opened " + openedAfterMs + " ms after the fall, window is 2 s");
        assertEquals(device + ":f2", pool.preparedQuery("select source_event_id from alerts where elder_id = $1").execute(Tuple.of(c.elderId))
                .await().indefinitely().iterator().next().getString(0));
        assertEquals(0, count("select count(*) from timers where timer_key = $1", device + ":f1"));
    }

    @Test
    void nobodyAcceptingEscalatesToStationThenToTheEmergencyWebhookWithRetries() {
        awaitConsumers();
        Circle c = circle("esc", false);
        publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "s1", System.currentTimeMillis(), null));
        await("alert", () -> !alertsOf(c.elderId, true).isEmpty(), Duration.ofSeconds(10));
        String alertId = (String) alertsOf(c.elderId, true).get(0).get("id");
        await("tier 2: station duty user", () -> notificationFor(c.operator, alertId) != null, Duration.ofSeconds(8));
        await("tier 2: station duty phone by SMS", () -> smsBodies.stream().anyMatch(b -> b.contains(c.dutyPhone)), Duration.ofSeconds(5));
        await("tier 3: webhook delivered after 2 failures", () -> webhookBodies.stream().anyMatch(b -> b.contains(alertId)), Duration.ofSeconds(10));
        String body = webhookBodies.stream().filter(b -> b.contains(alertId)).findFirst().orElseThrow();
        String sig = webhookSignatures.get(webhookBodies.indexOf(body));
        assertEquals(WebhookSignature.sign("test-secret", body.getBytes(StandardCharsets.UTF_8)), sig);
        await("attempts recorded", () -> count("""
                select count(*) from delivery_attempts a join notifications n on n.id = a.notification_id
                where n.alert_id = $1 and n.channel = 'WEBHOOK'""", UUID.fromString(alertId)) == 3, Duration.ofSeconds(5));
        assertEquals(2, count("""
                select count(*) from delivery_attempts a join notifications n on n.id = a.notification_id
                where n.alert_id = $1 and n.channel = 'WEBHOOK' and not a.ok""", UUID.fromString(alertId)));
        assertEquals(3, ((Number) alertsOf(c.elderId, true).get(0).get("tier")).intValue());
    }

    /**
     * Moves the elder's pending escalation to {@code tier} an hour out as soon as it is armed, so that
     * what follows is the declines' doing, not the delay's. One statement, polled every 50 ms: it holds
     * the timer long before the tier's delay (2 s in tests) runs out.
     */
    private void holdTheEscalationTo(String elderId, int tier) {
        await("escalation to tier " + tier + " held", () -> pool.preparedQuery("""
                        update timers set due_at = now() + interval '1 hour'
                        where kind = 'ESCALATE' and (payload ->> 'tier')::int = $2 and due_at < now() + interval '30 minutes'
                          and alert_id in (select id from alerts where elder_id = $1)""")
                .execute(Tuple.of(elderId, tier)).await().indefinitely().rowCount() == 1, Duration.ofSeconds(10));
    }

    private List<String> timelineOf(String alertId) {
        List<Map<String, Object>> timeline = given().auth().oauth2(BUREAU).get("/api/alerts/" + alertId)
                .then().statusCode(200).extract().jsonPath().getList("timeline");
        return timeline.stream().map(t -> t.get("entry") + " " + t.get("actor") + " " + t.get("note")).toList();
    }

    @Test
    void whenEveryoneOfATierDeclinesTheNextTierIsToldAtOnce() {
        awaitConsumers();
        Circle c = circle("decline", false);
        // Far from every other test's elders: no on-duty visitor nearby joins tier 2.
        PlatformEvent sos = new PlatformEvent("W-" + c.elderId + ":d1", PlatformEventType.SOS, c.elderId, "W-" + c.elderId, null, "d1",
                System.currentTimeMillis(), System.currentTimeMillis(), new GeoPoint(29.65, 91.10, 10.0), null, null, null, null, null,
                null, null, null, null, null, null);
        publishEvent(sos);
        holdTheEscalationTo(c.elderId, 2);
        await("tier 1 notified", () -> !alertsOf(c.elderId, true).isEmpty()
                && notificationFor(c.visitor, (String) alertsOf(c.elderId, true).get(0).get("id")) != null
                && notificationFor(c.family, (String) alertsOf(c.elderId, true).get(0).get("id")) != null, Duration.ofSeconds(10));
        String alertId = (String) alertsOf(c.elderId, true).get(0).get("id");

        // One of two declining is not enough: the family may still come.
        publishEvent(ack(c.visitor, notificationFor(c.visitor, alertId).path("notificationId").asText(), "DECLINED", "on another call"));
        await("visitor's decline recorded", () -> timelineOf(alertId).contains("RECEIPT " + c.visitor + " DECLINED: on another call"),
                Duration.ofSeconds(10));
        assertEquals(1, ((Number) alertsOf(c.elderId, true).get(0).get("tier")).intValue());
        assertTrue(timelineOf(alertId).stream().noneMatch(e -> e.startsWith("ALL_DECLINED")));

        // The family declines too: tier 2 (the station on duty) at once, an hour before its timer.
        publishEvent(ack(c.family, notificationFor(c.family, alertId).path("notificationId").asText(), "DECLINED", null));
        holdTheEscalationTo(c.elderId, 3);
        await("station told", () -> notificationFor(c.operator, alertId) != null, Duration.ofSeconds(10));
        assertEquals(2, ((Number) alertsOf(c.elderId, true).get(0).get("tier")).intValue());
        List<String> timeline = timelineOf(alertId);
        assertTrue(timeline.contains("ALL_DECLINED system tier 1: " + String.join(", ", new java.util.TreeSet<>(List.of(c.visitor, c.family)))),
                timeline.toString());
        assertTrue(timeline.stream().anyMatch(e -> e.startsWith("ESCALATED system tier 2 (all 2 of tier 1 declined)")), timeline.toString());

        // A decline in a later tier likewise: the station's only app user declines, the emergency channel is next.
        publishEvent(ack(c.operator, notificationFor(c.operator, alertId).path("notificationId").asText(), "DECLINED", null));
        await("emergency channel told", () -> count("select count(*) from notifications where alert_id = $1 and tier = 3 and channel = 'WEBHOOK'",
                UUID.fromString(alertId)) == 1, Duration.ofSeconds(10));
        assertTrue(timelineOf(alertId).stream().anyMatch(e -> e.startsWith("ESCALATED system tier 3 (all 1 of tier 2 declined)")));
        assertEquals(0, count("select count(*) from timers where kind = 'ESCALATE' and timer_key = $1", alertId), "tier 3 is the last");
        assertEquals("DISPATCHED", alertsOf(c.elderId, true).get(0).get("state"));
    }

    /** An event the gateway received at {@code receivedTs}: the offline and removed graces run from it. */
    private static PlatformEvent received(PlatformEventType type, String elderId, String deviceId, String msgId, long receivedTs) {
        return new PlatformEvent(deviceId + ":" + msgId, type, elderId, deviceId, null, msgId, receivedTs, receivedTs, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private long timers(String kind, String key) {
        return count("select count(*) from timers where kind = $1 and timer_key = $2", kind, key);
    }

    @Test
    void anOfflineOrRemovedWatchIsAlertedOnlyWhenItLastsAndALowBatteryAtOnce() {
        awaitConsumers();
        Circle c = circle("watch", false);
        String watch = "W-" + c.elderId;
        // Back within the grace (received a minute ahead, so the grace cannot run out meanwhile): nothing.
        long ahead = System.currentTimeMillis() + 60_000;
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off1", ahead));
        publishEvent(received(PlatformEventType.REMOVED, c.elderId, watch, "rm1", ahead));
        await("graces started", () -> timers("DEVICE_OFFLINE", watch) == 1 && timers("WATCH_REMOVED", c.elderId) == 1, Duration.ofSeconds(10));
        publishEvent(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on1", ahead + 1));
        publishEvent(received(PlatformEventType.WORN, c.elderId, watch, "worn1", ahead + 1));
        await("graces ended", () -> timers("DEVICE_OFFLINE", watch) == 0 && timers("WATCH_REMOVED", c.elderId) == 0, Duration.ofSeconds(10));
        assertEquals(0, count("select count(*) from alerts where elder_id = $1", c.elderId));

        // Lasting past the grace (1 s in tests): one alert each, MEDIUM.
        long now = System.currentTimeMillis();
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off2", now));
        publishEvent(received(PlatformEventType.REMOVED, c.elderId, watch, "rm2", now));
        await("offline and removed alerted", () -> count("select count(*) from alerts where elder_id = $1 and kind in ('DEVICE_OFFLINE', 'WATCH_REMOVED')"
                + " and severity = 'MEDIUM'", c.elderId) == 2, Duration.ofSeconds(10));

        // Low battery: at once, LOW, told to tier 1; the station (tier 2) only if nobody takes it on there.
        publishEvent(received(PlatformEventType.LOW_BATTERY, c.elderId, watch, "bat1", now));
        await("low battery alerted", () -> count("select count(*) from alerts where elder_id = $1 and kind = 'LOW_BATTERY' and severity = 'LOW'"
                + " and state = 'DISPATCHED'", c.elderId) == 1, Duration.ofSeconds(10));
        String lowBattery = pool.preparedQuery("select id::text from alerts where elder_id = $1 and kind = 'LOW_BATTERY'")
                .execute(Tuple.of(c.elderId)).await().indefinitely().iterator().next().getString(0);
        assertEquals(1, count("select count(*) from timers where kind = 'ESCALATE' and timer_key = $1 and (payload ->> 'tier')::int = 2",
                lowBattery));
    }

    private static List<JsonNode> clearedNotices(String userId, String alertId) {
        return broker.notificationsTo(userId).stream()
                .filter(n -> n.path("alertId").asText().equals(alertId) && n.path("title").asText().startsWith("Cleared: "))
                .toList();
    }

    private Map<String, Object> alertDetail(String alertId) {
        return given().auth().oauth2(BUREAU).get("/api/alerts/" + alertId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** Publishes {@code e} and waits until it was handled (its id is recorded with its effect, in one transaction). */
    private void publishAndAwaitHandled(PlatformEvent e) {
        publishEvent(e);
        await(e.eventId() + " handled", () -> count("select count(*) from processed_events where event_id = $1", e.eventId()) == 1,
                Duration.ofSeconds(10));
    }

    private String openAlertOnceNotified(Circle c, String kind) {
        await(kind + " alert told to tier 1", () -> {
            String id = openAlertId(c.elderId, kind);
            return id != null && notificationFor(c.visitor, id) != null && notificationFor(c.family, id) != null;
        }, Duration.ofSeconds(10));
        return openAlertId(c.elderId, kind);
    }

    private String openAlertId(String elderId, String kind) {
        return alertsOf(elderId, true).stream().filter(a -> kind.equals(a.get("kind"))).map(a -> (String) a.get("id")).findFirst().orElse(null);
    }

    @Test
    void aWatchBackBeforeAnyoneTookTheAlertOnCancelsItAndTellsThoseNotified() {
        awaitConsumers();
        Circle c = circle("back", false);
        String watch = "W-" + c.elderId;
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off", System.currentTimeMillis()));
        holdTheEscalationTo(c.elderId, 2);
        String offline = openAlertOnceNotified(c, "DEVICE_OFFLINE");

        PlatformEvent online = received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on", System.currentTimeMillis());
        publishAndAwaitHandled(online);
        Map<String, Object> a = alertDetail(offline);
        assertEquals("CANCELLED", ((Map<?, ?>) a.get("alert")).get("state"));
        String reason = (String) ((Map<?, ?>) a.get("alert")).get("cancelReason");
        assertTrue(reason.matches("watch back online at \\d\\d:\\d\\d"), reason);
        assertTrue(timelineOf(offline).contains("TRANSITION system " + reason), timelineOf(offline).toString());
        assertEquals(0, count("select count(*) from timers where timer_key = $1", offline), "no escalation left");
        await("visitor and family told it cleared", () -> clearedNotices(c.visitor, offline).size() == 1
                && clearedNotices(c.family, offline).size() == 1, Duration.ofSeconds(10));
        JsonNode notice = clearedNotices(c.visitor, offline).get(0);
        assertEquals("Cleared: Watch offline", notice.path("title").asText());
        assertTrue(notice.path("body").asText().contains(reason + "; alert cancelled"), notice.toString());
        assertTrue(notice.path("actions").isMissingNode(), "nothing to answer");

        // The same news again (another ONLINE) changes nothing: one cancel, one notice each.
        publishAndAwaitHandled(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on-again", System.currentTimeMillis()));
        assertEquals(1, timelineOf(offline).stream().filter(e -> e.startsWith("TRANSITION system watch back online")).count());
        assertEquals(2, count("select count(*) from notifications where alert_id = $1 and purpose = 'CLEARED'", UUID.fromString(offline)));

        // A watch put back on ends its WATCH_REMOVED alert the same way.
        publishEvent(received(PlatformEventType.REMOVED, c.elderId, watch, "rm", System.currentTimeMillis()));
        String removed = openAlertOnceNotified(c, "WATCH_REMOVED");
        publishAndAwaitHandled(received(PlatformEventType.WORN, c.elderId, watch, "worn", System.currentTimeMillis()));
        Map<?, ?> r = (Map<?, ?>) alertDetail(removed).get("alert");
        assertEquals("CANCELLED", r.get("state"));
        assertTrue(((String) r.get("cancelReason")).startsWith("watch worn again at "), r.toString());
    }

    @Test
    void aWatchBackAfterSomeoneAcceptedStaysWithThemNoted() {
        awaitConsumers();
        Circle c = circle("taken", false);
        String watch = "W-" + c.elderId;
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off", System.currentTimeMillis()));
        String offline = openAlertOnceNotified(c, "DEVICE_OFFLINE");
        publishEvent(ack(c.visitor, notificationFor(c.visitor, offline).path("notificationId").asText(), "ACCEPTED", null));
        await("accepted", () -> "ACCEPTED".equals(alertsOf(c.elderId, true).get(0).get("state")), Duration.ofSeconds(10));
        // The arrival deadline (3 s in tests) is not what this is about.
        pool.preparedQuery("update timers set due_at = now() + interval '1 hour' where kind = 'ARRIVE_DEADLINE' and timer_key = $1")
                .execute(Tuple.of(offline)).await().indefinitely();

        publishAndAwaitHandled(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on", System.currentTimeMillis()));
        publishAndAwaitHandled(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on-again", System.currentTimeMillis()));
        assertEquals("ACCEPTED", ((Map<?, ?>) alertDetail(offline).get("alert")).get("state"));
        List<String> notes = timelineOf(offline).stream().filter(e -> e.startsWith("NOTE system condition cleared: watch back online at ")).toList();
        assertEquals(1, notes.size(), timelineOf(offline).toString());
        await("the accepter told", () -> clearedNotices(c.visitor, offline).size() == 1, Duration.ofSeconds(10));
        assertTrue(clearedNotices(c.visitor, offline).get(0).path("body").asText().contains("the alert stays with you"));
        assertEquals(1, count("select count(*) from notifications where alert_id = $1 and purpose = 'CLEARED'", UUID.fromString(offline)),
                "only the accepter");
    }

    private static PlatformEvent battery(String elderId, String msgId, int percent) {
        long now = System.currentTimeMillis();
        return new PlatformEvent("W-" + elderId + ":" + msgId, PlatformEventType.VITALS, elderId, "W-" + elderId, null, msgId, now, now,
                null, null, 72, 97, 0, percent, true, null, null, null, null, null);
    }

    @Test
    void aLowBatteryClearsOnlyOnceTheBatteryIsBackAtTheRecoveredLevel() {
        awaitConsumers();
        Circle c = circle("charge", false);
        publishEvent(received(PlatformEventType.LOW_BATTERY, c.elderId, "W-" + c.elderId, "bat", System.currentTimeMillis()));
        String low = openAlertOnceNotified(c, "LOW_BATTERY");
        // Handled in this order: 16 and 29 are still low (recovered level 30 %), 30 clears, 31 finds nothing left.
        broker.publish(Topics.vitals("test-" + RUN), new VitalsBatch(List.of(battery(c.elderId, "b1", 16), battery(c.elderId, "b2", 29),
                battery(c.elderId, "b3", 30), battery(c.elderId, "b4", 31))));
        await("cleared", () -> "CANCELLED".equals(((Map<?, ?>) alertDetail(low).get("alert")).get("state")), Duration.ofSeconds(10));
        String reason = (String) ((Map<?, ?>) alertDetail(low).get("alert")).get("cancelReason");
        assertTrue(reason.startsWith("battery back to 30% at "), reason);
        await("family told", () -> clearedNotices(c.family, low).size() == 1, Duration.ofSeconds(10));
        assertEquals("Cleared: Watch battery low", clearedNotices(c.family, low).get(0).path("title").asText());
    }

    private String stateOf(String alertId) {
        return (String) ((Map<?, ?>) alertDetail(alertId).get("alert")).get("state");
    }

    @Test
    void aWatchBackOnlineOlderThanTheOfflineItWouldEndChangesNothing() {
        awaitConsumers();
        Circle c = circle("late", false);
        String watch = "W-" + c.elderId;
        long offlineAt = System.currentTimeMillis();
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off", offlineAt));
        await("offline alerted", () -> openAlertId(c.elderId, "DEVICE_OFFLINE") != null, Duration.ofSeconds(10));
        String offline = openAlertId(c.elderId, "DEVICE_OFFLINE");

        // Received before that offline, handled after it (events travel on different topics); the watch's
        // clock running ahead does not make it newer: connectivity is ordered by the platform's receipt.
        publishAndAwaitHandled(new PlatformEvent(watch + ":on-old", PlatformEventType.DEVICE_ONLINE, c.elderId, watch, null, "on-old",
                offlineAt + 60_000, offlineAt - 1_000, null, null, null, null, null, null, null, null, null, null, null, null));
        assertEquals("DISPATCHED", stateOf(offline));
        assertTrue(timelineOf(offline).stream().noneMatch(e -> e.contains("back online")), timelineOf(offline).toString());

        publishAndAwaitHandled(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on-new", offlineAt + 1));
        assertEquals("CANCELLED", stateOf(offline));

        // Nor does an older online end a newer offline's grace, whichever of the two is handled first.
        long again = System.currentTimeMillis();
        publishEvent(received(PlatformEventType.DEVICE_OFFLINE, c.elderId, watch, "off-again", again));
        publishAndAwaitHandled(received(PlatformEventType.DEVICE_ONLINE, c.elderId, watch, "on-older", again - 1_000));
        await("offline alerted again", () -> openAlertId(c.elderId, "DEVICE_OFFLINE") != null, Duration.ofSeconds(10));
    }

    @Test
    void aReadingClearsAConditionThisReplicaNeverSaw() {
        awaitConsumers();
        Circle c = circle("replica", false);
        String watch = "W-" + c.elderId;
        // Opened by another replica, or before this one restarted: in the database, not in this replica's memory.
        for (String kind : List.of("WATCH_REMOVED", "LOW_BATTERY")) {
            pool.preparedQuery("""
                            insert into alerts (id, elder_id, kind, severity, state, station_id, area_code, device_id, source_event_id,
                                                occurred_at, last_seen_at, detail)
                            values (gen_random_uuid(), $1, $2, $3, 'REPORTED', $4, '110107001', $5, $6,
                                    now() - interval '1 minute', now() - interval '1 minute', 'opened elsewhere')""")
                    .execute(Tuple.of(c.elderId, kind, kind.equals("LOW_BATTERY") ? "LOW" : "MEDIUM", c.station, watch, watch + ":" + kind))
                    .await().indefinitely();
        }
        String removed = openAlertId(c.elderId, "WATCH_REMOVED");
        String low = openAlertId(c.elderId, "LOW_BATTERY");
        clearable.refresh().await().indefinitely(); // what start-up and every refresh do

        // One reading, worn and charged: both conditions are over.
        broker.publish(Topics.vitals("test-" + RUN), new VitalsBatch(List.of(battery(c.elderId, "charged", 80))));
        await("both cleared", () -> "CANCELLED".equals(stateOf(removed)) && "CANCELLED".equals(stateOf(low)), Duration.ofSeconds(10));
        assertTrue(((String) ((Map<?, ?>) alertDetail(removed).get("alert")).get("cancelReason")).startsWith("watch worn again at "));
        assertTrue(((String) ((Map<?, ?>) alertDetail(low).get("alert")).get("cancelReason")).startsWith("battery back to 80% at "));
    }

    @Test
    void aLowBatteryAlertEveryoneOfTier1DeclinedGoesToTheStation() {
        awaitConsumers();
        Circle c = circle("lowdecl", false);
        publishEvent(received(PlatformEventType.LOW_BATTERY, c.elderId, "W-" + c.elderId, "bat", System.currentTimeMillis()));
        holdTheEscalationTo(c.elderId, 2);
        String low = openAlertOnceNotified(c, "LOW_BATTERY");
        publishEvent(ack(c.visitor, notificationFor(c.visitor, low).path("notificationId").asText(), "DECLINED", null));
        publishEvent(ack(c.family, notificationFor(c.family, low).path("notificationId").asText(), "DECLINED", null));
        await("station told", () -> notificationFor(c.operator, low) != null, Duration.ofSeconds(10));
        assertEquals(2, ((Number) alertsOf(c.elderId, true).get(0).get("tier")).intValue());
        List<String> timeline = timelineOf(low);
        assertTrue(timeline.stream().anyMatch(e -> e.startsWith("ESCALATED system tier 2 (all 2 of tier 1 declined;"
                + " tier 1 is the usual last for LOW, escalating until someone takes charge)")), timeline.toString());
        assertTrue(timeline.stream().noneMatch(e -> e.startsWith("ESCALATION_EXHAUSTED")), timeline.toString());
    }

    @Test
    void aCheckInDeadlineLeftByAnEarlierProcessFiresAndIsReArmed() {
        awaitConsumers();
        Circle c = circle("chk", true);
        await("deadline armed", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1", c.elderId) == 1,
                Duration.ofSeconds(5));
        assertEquals(1, count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1"
                + " and due_at >= now() + interval '5 hours 59 minutes'", c.elderId), "a new elder's first deadline keeps the grace");
        // As if the service had been down over the deadline: the row is all that survives a restart.
        pool.preparedQuery("update timers set due_at = now() - interval '5 minutes' where kind = 'CHECK_IN_DEADLINE' and timer_key = $1")
                .execute(Tuple.of(c.elderId)).await().indefinitely();
        await("missed check-in", () -> count("select count(*) from alerts where elder_id = $1 and kind = 'MISSED_CHECK_IN'", c.elderId) == 1,
                Duration.ofSeconds(5));
        assertEquals(1, count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1 and due_at > now()", c.elderId),
                "next deadline armed");
        // A check-in moves the next deadline to the day after its local day.
        long before = count("select (extract(epoch from due_at))::bigint from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1", c.elderId);
        publishEvent(event(PlatformEventType.CHECK_IN, c.elderId, "W-" + c.elderId, "ci", System.currentTimeMillis(), null));
        await("deadline moved", () -> count("select (extract(epoch from due_at))::bigint from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1",
                c.elderId) >= before, Duration.ofSeconds(5));
    }

    @Test
    void aChangedCheckInTimeMovesThePendingDeadline() {
        awaitConsumers();
        Circle c = circle("move", true);
        await("deadline armed", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1"
                + " and payload->>'armed' = 'enrolment'", c.elderId) == 1, Duration.ofSeconds(5));
        // Still as enrolled (no check-in yet): the new time is computed as at enrolment, grace included.
        publishCircle(c, 2, true, "11:30");
        await("first deadline at the new time", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1"
                + " and to_char(due_at at time zone 'Asia/Shanghai', 'HH24:MI') = '11:30'"
                + " and due_at >= now() + interval '5 hours 59 minutes'", c.elderId) == 1, Duration.ofSeconds(10));
        // After a check-in the pending deadline is the next day's, and a change keeps that day.
        publishEvent(event(PlatformEventType.CHECK_IN, c.elderId, "W-" + c.elderId, "ci-move", System.currentTimeMillis(), null));
        await("check-in recorded", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1"
                + " and payload is null", c.elderId) == 1, Duration.ofSeconds(10));
        String dayBefore = deadlineDay(c.elderId);
        publishCircle(c, 3, true, "12:15");
        await("deadline at the changed time", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1"
                + " and to_char(due_at at time zone 'Asia/Shanghai', 'HH24:MI') = '12:15'", c.elderId) == 1, Duration.ofSeconds(10));
        assertEquals(dayBefore, deadlineDay(c.elderId), "the pending day is kept");
        publishCircle(c, 4, false, "12:15");
        await("no deadline once check-ins are off", () -> count("select count(*) from timers where kind = 'CHECK_IN_DEADLINE' and timer_key = $1",
                c.elderId) == 0, Duration.ofSeconds(10));
    }

    private String deadlineDay(String elderId) {
        return pool.preparedQuery("select to_char(due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from timers"
                        + " where kind = 'CHECK_IN_DEADLINE' and timer_key = $1")
                .execute(Tuple.of(elderId)).await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void badMessagesAreKeptAndDoNotStopTheStream() {
        awaitConsumers();
        Circle c = circle("bad", false);
        broker.publishBytes(Topics.event(PlatformEventType.SOS, c.elderId), ("{not json " + RUN).getBytes(StandardCharsets.UTF_8));
        publishEvent(event(PlatformEventType.SOS, c.elderId, "W-" + c.elderId, "after-bad", System.currentTimeMillis(), null));
        await("good one handled", () -> !alertsOf(c.elderId, true).isEmpty(), Duration.ofSeconds(10));
        await("bad one kept", () -> count("select count(*) from rejected_messages where payload like $1", "%" + RUN + "%") == 1,
                Duration.ofSeconds(10));
    }
}
