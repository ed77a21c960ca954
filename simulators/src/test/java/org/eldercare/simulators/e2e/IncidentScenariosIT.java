package org.eldercare.simulators.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.eldercare.devtokens.DevTokens;
import org.eldercare.simulators.api.PlatformApi;
import org.eldercare.simulators.device.SimulatedApp;
import org.eldercare.simulators.device.SimulatedWatch;
import org.eldercare.simulators.district.DistrictLoader;
import org.eldercare.simulators.district.DistrictPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every incident kind end to end through device-gateway, visit-service and alert-service, started
 * once as processes for the whole suite with short detection windows: a simulated watch causes the
 * incident over MQTT, the simulated family and patrol apps must receive the notifications of the
 * right tier, the patrol app takes the alert through accept, arrive and resolve, and the bureau
 * verifies and closes it. Each scenario has its own elder of one seeded district, so they do not
 * disturb each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentScenariosIT {

    private static final Duration CANCEL_WINDOW = Duration.ofSeconds(4);
    private static final Duration TIER1_DELAY = Duration.ofSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");

    // One elder per scenario (index in the seeded plan).
    private static final int FALL = 0;
    private static final int FALL_CANCELLED = 1;
    private static final int SOS = 2;
    private static final int NOBODY_ACCEPTS = 3;
    private static final int GOES_FLAT = 4;
    private static final int WANDERS = 5;
    private static final int HEART_RACES = 6;
    private static final int SENDS_GARBAGE = 7;
    private static final int MISSES_CHECK_IN = 8;
    private static final int CHECKS_IN = 9;
    private static final int ELDERS = 10;

    private static final String RUN = Platform.RUN + "s";
    private static ServiceProcess gateway;
    private static ServiceProcess visits;
    private static ServiceProcess alerts;
    private static PlatformApi bureau;
    private static PlatformApi deviceAdmin;
    private static final List<AutoCloseable> clients = new ArrayList<>();
    private static final List<Elder> elders = new ArrayList<>();
    private static final Map<String, SimulatedApp> visitorApps = new HashMap<>();
    private static String checkInDeadline;
    private static Instant checkInDeadlineAt;

    /** An elder of the district with everything a scenario drives or watches. */
    private record Elder(String id, DistrictPlan.Elder plan, SimulatedWatch watch, SimulatedApp family,
                         SimulatedApp visitor, SimulatedApp otherVisitor) {
    }

    @BeforeAll
    static void startPlatformAndDistrict() throws Exception {
        // Small pools: the test database's connections are shared with the other test suites
        Map<String, String> own = Map.of("INSTANCE_ID", RUN, "ELDERCARE_MQTT_SHARE_GROUP_SUFFIX", "-" + RUN,
                "ELDERCARE_DB_POOL", "6");
        Map<String, String> shortWindows = new HashMap<>(own);
        shortWindows.putAll(Map.of(
                "ELDERCARE_ALERT_FALL_CANCEL_WINDOW", seconds(CANCEL_WINDOW),
                "ELDERCARE_ALERT_ESCALATION_TIER1_DELAY", seconds(TIER1_DELAY),
                "ELDERCARE_ALERT_ESCALATION_TIER2_DELAY", "1h",
                "ELDERCARE_ALERT_DETECT_OFFLINE_GRACE", "2s",
                "ELDERCARE_ALERT_DETECT_VITALS_SUSTAIN", "3s",
                "ELDERCARE_ALERT_DETECT_VITALS_STALE_AFTER", "1m",
                "ELDERCARE_ALERT_TIMERS_POLL", "500ms",
                // the scenario's elders are enrolled a minute before their deadline
                "ELDERCARE_ALERT_DETECT_FIRST_CHECK_IN_GRACE", "0s"));
        ExecutorService starter = Executors.newFixedThreadPool(3);
        try {
            Future<ServiceProcess> g = starter.submit(() -> Platform.gateway().withEnv(own).start());
            Future<ServiceProcess> v = starter.submit(() -> Platform.visits().withEnv(own).start());
            Future<ServiceProcess> a = starter.submit(() -> Platform.alerts().withEnv(shortWindows).start());
            gateway = g.get();
            visits = v.get();
            alerts = a.get();
        } finally {
            starter.shutdown();
        }
        bureau = new PlatformApi(alerts.url(), DevTokens.mint("scenario-bureau", "bureau"));
        deviceAdmin = new PlatformApi(gateway.url(), DevTokens.mint("scenario-admin", "device-admin"));

        // The check-in deadline falls due while the other scenarios run: the first whole minute at
        // least 30 s away (deadlines are HH:mm in the district's zone).
        ZonedDateTime due = ZonedDateTime.now(DISTRICT_ZONE).plusSeconds(30).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        checkInDeadline = due.format(DateTimeFormatter.ofPattern("HH:mm"));
        checkInDeadlineAt = due.toInstant();

        String tag = UUID.randomUUID().toString().substring(0, 6);
        // A seed of its own per run: homes (and so the nearby visitor's spot) differ from earlier runs,
        // whose on-duty visitors may still have fresh positions in the test database.
        DistrictPlan plan = DistrictPlan.generate(tag.hashCode(), ELDERS, tag);
        DistrictLoader.LoadedDistrict district = new DistrictLoader(visits.url(), gateway.url()).load(plan, e -> {
            boolean checkIn = e.key().equals("e" + MISSES_CHECK_IN) || e.key().equals("e" + CHECKS_IN);
            // Only the check-in scenarios' elders have a deadline, so no other scenario meets one by chance.
            return Map.of("checkIn", checkIn ? Map.of("enabled", true, "deadline", checkInDeadline) : Map.of("enabled", false));
        });
        for (DistrictLoader.AppUser v : district.visitors()) {
            visitorApps.put(v.userId(), connect(new SimulatedApp(Platform.BROKER, v.userId(), v.password(), true)));
        }
        for (int i = 0; i < ELDERS; i++) {
            DistrictLoader.Watch w = district.watches().get(i);
            DistrictLoader.AppUser f = district.families().get(i);
            JsonNode circle = awaitCareCircle(w.elderId());
            cancelStaleAlerts(bureau, w.elderId());
            String assigned = circle.path("visitors").get(0).path("visitorId").asText();
            assertTrue(visitorApps.containsKey(assigned), "elder " + w.elderId() + " is assigned to " + assigned
                    + ", not one of this district's visitors " + visitorApps.keySet() + ": " + circle);
            String other = visitorApps.keySet().stream().filter(id -> !id.equals(assigned)).findFirst().orElseThrow();
            SimulatedWatch watch = new SimulatedWatch(Platform.BROKER, w.deviceId(), w.secret()).connect();
            clients.add(watch);
            elders.add(new Elder(w.elderId(), w.elder(), watch,
                    connect(new SimulatedApp(Platform.BROKER, f.userId(), f.password(), false)),
                    visitorApps.get(assigned), visitorApps.get(other)));
        }
        // The conscientious elder checks in at once; the other one never does.
        Elder checksIn = elders.get(CHECKS_IN);
        checksIn.watch().event("CHECK_IN");
        assertTrue(Instant.now().isBefore(checkInDeadlineAt.minusSeconds(5)),
                "the district took too long to load: the check-in deadline " + checkInDeadline + " is already near");
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        Set<String> sessions = new TreeSet<>();
        for (ServiceProcess p : new ServiceProcess[]{alerts, visits, gateway}) {
            if (p != null) {
                sessions.addAll(p.mqttClientIds());
                p.close();
            }
        }
        discardSessions(sessions);
    }

    @Test
    @Order(1)
    void aFallNobodyCancelsBecomesAnAlertAfterTheCancelWindowButACancelledFallDoesNot() throws Exception {
        Elder fallen = elders.get(FALL);
        Elder fine = elders.get(FALL_CANCELLED);
        long fellAt = System.currentTimeMillis();
        fallen.watch().event("FALL", fellAt, fallen.plan().lat(), fallen.plan().lon(), null);
        String stumble = fine.watch().event("FALL", fellAt, fine.plan().lat(), fine.plan().lon(), null);
        fine.watch().event("FALL_CANCELLED", System.currentTimeMillis(), null, null, stumble);

        JsonNode toVisitor = awaitNotification(fallen.visitor(), fallen, "FALL");
        JsonNode alert = bureau.get("/api/alerts/" + toVisitor.path("alertId").asText()).path("alert");
        long opened = Instant.parse(alert.path("openedAt").asText()).toEpochMilli();
        assertTrue(opened - fellAt >= CANCEL_WINDOW.toMillis() - 500,
                "the fall opened an alert before the wearer's cancel window had passed: " + (opened - fellAt) + " ms after the fall");
        closeTheLoop(fallen, "FALL", toVisitor);

        // The cancelled fall's window has passed too: no alert, and nobody was disturbed.
        Awaitility.await("no alert for the fall cancelled on the watch").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> alertsOf(fine, "FALL").isEmpty());
        assertFalse(fine.family().received().stream().anyMatch(n -> fine.id().equals(n.path("elderId").asText()) && ours(n)),
                "the family was notified of a fall the wearer cancelled: " + fine.family().received());
    }

    @Test
    @Order(2)
    void sosNotifiesFamilyAndVisitorAtOnceAndIsClosedThroughTheLoop() throws Exception {
        Elder e = elders.get(SOS);
        e.watch().event("SOS", System.currentTimeMillis(), e.plan().lat(), e.plan().lon(), null);
        closeTheLoop(e, "SOS", awaitNotification(e.visitor(), e, "SOS"));
    }

    @Test
    @Order(3)
    void whenNobodyAcceptsTheNearestOnDutyVisitorAndTheStationAreToldAfterTheTierOneDelay() throws Exception {
        Elder e = elders.get(NOBODY_ACCEPTS);
        SimulatedApp nearby = e.otherVisitor();
        // The other visitor of the street is on duty at the elder's door, 11 m away (long before tier 2 is due).
        nearby.location(e.plan().lat() + 0.0001, e.plan().lon(), true);

        e.watch().event("SOS", System.currentTimeMillis(), e.plan().lat(), e.plan().lon(), null);
        JsonNode toAssigned = awaitNotification(e.visitor(), e, "SOS");
        JsonNode toFamily = awaitNotification(e.family(), e, "SOS");
        e.visitor().ack(toAssigned.path("notificationId").asText(), "RECEIVED", null);
        e.family().ack(toFamily.path("notificationId").asText(), "RECEIVED", null);
        String alertId = toAssigned.path("alertId").asText();

        JsonNode toNearby = nearby.awaitNotification(n -> alertId.equals(n.path("alertId").asText()), TIER1_DELAY.plus(WAIT))
                .orElseThrow(() -> new AssertionError("nobody accepted, yet the on-duty visitor at the door was never told: "
                        + bureau.get("/api/alerts/" + alertId)));
        List<JsonNode> sent = list(bureau.get("/api/alerts/" + alertId).path("notifications"));
        Instant tier1At = sent.stream().filter(n -> n.path("tier").asInt() == 1).map(IncidentScenariosIT::createdAt)
                .max(Instant::compareTo).orElseThrow(() -> new AssertionError("no tier-1 notifications: " + sent));
        JsonNode nearbyRow = sent.stream().filter(n -> nearby.userId().equals(n.path("userId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no notification row for the nearby visitor: " + sent));
        assertEquals(2, nearbyRow.path("tier").asInt(), "the nearby visitor belongs to tier 2: " + nearbyRow);
        assertEquals("NEARBY_VISITOR", nearbyRow.path("role").asText(), nearbyRow.toString());
        assertTrue(!createdAt(nearbyRow).isBefore(tier1At.plus(TIER1_DELAY).minusMillis(500)),
                "tier 2 must wait the configured " + TIER1_DELAY + " after tier 1: " + sent);
        assertTrue(sent.stream().anyMatch(n -> n.path("tier").asInt() == 2 && "STATION".equals(n.path("role").asText())
                        && "SMS".equals(n.path("channel").asText())),
                "tier 2 also reaches the station's duty phone: " + sent);
        assertTrue(sent.stream().noneMatch(n -> n.path("tier").asInt() == 2 && e.visitor().userId().equals(n.path("userId").asText())),
                "the assigned visitor, already told at tier 1, is not told again: " + sent);

        closeTheLoop(e, "SOS", toNearby, nearby, false);
    }

    @Test
    @Order(4)
    void aWatchRunningFlatRaisesLowBatteryAndThenOffline() throws Exception {
        Elder e = elders.get(GOES_FLAT);
        long now = System.currentTimeMillis();
        e.watch().telemetry(now - 2000, 72, 97, 0, 35, true, e.plan().lat(), e.plan().lon(), 1).waitForCompletion(10_000);
        e.watch().telemetry(now, 71, 97, 0, 9, true, e.plan().lat(), e.plan().lon(), 1).waitForCompletion(10_000);
        JsonNode low = awaitNotification(e.visitor(), e, "LOW_BATTERY");
        closeTheLoop(e, "LOW_BATTERY", low);

        // The battery dies: the connection drops without a goodbye and the broker publishes the last will.
        e.watch().loseConnection();
        closeTheLoop(e, "DEVICE_OFFLINE", awaitNotification(e.visitor(), e, "DEVICE_OFFLINE"));
    }

    @Test
    @Order(5)
    void leavingTheSafeZoneIsAnAlert() throws Exception {
        Elder e = elders.get(WANDERS);
        // 2 km north of home, well outside the 1 km safe zone.
        e.watch().telemetry(System.currentTimeMillis(), 92, 96, 0, 70, true, e.plan().lat() + 0.018, e.plan().lon(), 1)
                .waitForCompletion(10_000);
        closeTheLoop(e, "LEFT_SAFE_ZONE", awaitNotification(e.visitor(), e, "LEFT_SAFE_ZONE"));
    }

    @Test
    @Order(6)
    void aHeartRateAboveTheBoundLongEnoughIsAnAlert() throws Exception {
        Elder e = elders.get(HEART_RACES);
        // A burst the watch buffered: four readings over 4.5 s, all above the district's 130 bpm bound.
        long now = System.currentTimeMillis();
        for (int k = 3; k >= 0; k--) {
            e.watch().telemetry(now - k * 1500L, 150 + k, 96, 0, 70, true, null, null, 1).waitForCompletion(10_000);
        }
        closeTheLoop(e, "VITALS_HR_HIGH", awaitNotification(e.visitor(), e, "VITALS_HR_HIGH"));
    }

    @Test
    @Order(7)
    void malformedMessagesAreQuarantinedAndCountedAndTheStreamGoesOn() throws Exception {
        Elder e = elders.get(SENDS_GARBAGE);
        SimulatedWatch w = e.watch();
        long now = System.currentTimeMillis();
        w.raw("telemetry", "{\"id\":\"x\",\"ts\":".getBytes(), 1);
        w.raw("telemetry", ("{\"id\":\"" + w.nextId() + "\",\"ts\":" + now + ",\"hr\":300}").getBytes(), 1);
        w.raw("events", ("{\"id\":\"" + w.nextId() + "\",\"ts\":" + now + ",\"type\":\"DANCE\"}").getBytes(), 1);
        w.raw("telemetry", ("{\"id\":\"" + w.nextId() + "\",\"ts\":" + (now + 86_400_000L) + ",\"hr\":70}").getBytes(), 1);
        w.event("SOS", System.currentTimeMillis(), e.plan().lat(), e.plan().lon(), null);

        JsonNode sos = awaitNotification(e.visitor(), e, "SOS");
        Map<String, Integer> byReason = new HashMap<>();
        Awaitility.await("the gateway counts the watch's rejects by reason").atMost(WAIT).ignoreExceptions().until(() -> {
            byReason.clear();
            for (JsonNode r : deviceAdmin.get("/api/devices/" + w.deviceId() + "/rejects")) {
                byReason.put(r.path("reason").asText(), r.path("count").asInt());
            }
            return byReason.keySet().containsAll(Set.of("MALFORMED_JSON", "OUT_OF_RANGE", "UNKNOWN_EVENT_TYPE", "TS_IN_FUTURE"));
        });
        byReason.forEach((reason, count) -> assertEquals(1, count, "each rejected message counted once: " + byReason));
        JsonNode kept = deviceAdmin.get("/api/quarantine?deviceId=" + w.deviceId() + "&reason=MALFORMED_JSON");
        assertEquals("{\"id\":\"x\",\"ts\":", kept.path("items").get(0).path("payload").asText(), "the garbage is kept as it came: " + kept);
        closeTheLoop(e, "SOS", sos);
    }

    @Test
    @Order(8)
    void anElderWhoDoesNotCheckInByTheDeadlineIsAnAlertAndOneWhoDidIsNot() throws Exception {
        Elder silent = elders.get(MISSES_CHECK_IN);
        Elder fine = elders.get(CHECKS_IN);
        Duration untilDue = Duration.between(Instant.now(), checkInDeadlineAt);
        JsonNode n = silent.visitor().awaitNotification(x -> silent.id().equals(x.path("elderId").asText())
                        && "MISSED_CHECK_IN".equals(x.path("kind").asText()) && ours(x), untilDue.plus(WAIT))
                .orElseThrow(() -> new AssertionError("no missed check-in alert for " + silent.id() + " after the deadline "
                        + checkInDeadline + "; alerts: " + alertsOf(silent, "MISSED_CHECK_IN")));
        JsonNode alert = bureau.get("/api/alerts/" + n.path("alertId").asText()).path("alert");
        assertFalse(Instant.parse(alert.path("openedAt").asText()).isBefore(checkInDeadlineAt),
                "raised before the deadline " + checkInDeadlineAt + ": " + alert);
        closeTheLoop(silent, "MISSED_CHECK_IN", n);
        assertTrue(alertsOf(fine, "MISSED_CHECK_IN").isEmpty(), "the elder who checked in was reported as missing the check-in");
    }

    // --- the loop and what every scenario checks ---

    private static void closeTheLoop(Elder e, String kind, JsonNode toVisitor) throws Exception {
        closeTheLoop(e, kind, toVisitor, e.visitor(), true);
    }

    /**
     * Tier 1 told the family and the assigned visitor (both apps got it); the family's app
     * acknowledges; {@code responder}'s app accepts, arrives and resolves; the bureau verifies and
     * closes; the timeline went through each state in order.
     */
    private static void closeTheLoop(Elder e, String kind, JsonNode notification, SimulatedApp responder, boolean tier1Responder)
            throws Exception {
        String alertId = notification.path("alertId").asText();
        assertEquals(kind, notification.path("kind").asText(), notification.toString());
        assertFalse(notification.path("title").asText().isBlank(), "a notification has a title: " + notification);
        JsonNode toFamily = e.family().awaitNotification(n -> alertId.equals(n.path("alertId").asText()), WAIT)
                .orElseThrow(() -> new AssertionError("the family app got no notification of " + kind + " alert " + alertId));
        e.visitor().awaitNotification(n -> alertId.equals(n.path("alertId").asText()), WAIT)
                .orElseThrow(() -> new AssertionError("the assigned visitor's app got no notification of " + kind + " alert " + alertId));
        e.family().ack(toFamily.path("notificationId").asText(), "RECEIVED", null);

        List<JsonNode> tier1 = list(bureau.get("/api/alerts/" + alertId).path("notifications")).stream()
                .filter(n -> n.path("tier").asInt() == 1).toList();
        assertTrue(tier1.stream().anyMatch(n -> "FAMILY".equals(n.path("role").asText()) && e.family().userId().equals(n.path("userId").asText())),
                "tier 1 of " + kind + " must include the family member: " + tier1);
        assertTrue(tier1.stream().anyMatch(n -> "VISITOR".equals(n.path("role").asText()) && e.visitor().userId().equals(n.path("userId").asText())),
                "tier 1 of " + kind + " must include the assigned patrol visitor: " + tier1);
        if (tier1Responder) {
            assertTrue(tier1.stream().noneMatch(n -> e.otherVisitor().userId().equals(n.path("userId").asText())),
                    "a visitor not assigned to the elder is not in tier 1: " + tier1);
        }

        String nid = notification.path("notificationId").asText();
        responder.ack(nid, "ACCEPTED", null);
        awaitState(alertId, "ACCEPTED");
        responder.ack(nid, "ARRIVED", null);
        awaitState(alertId, "ARRIVED");
        responder.ack(nid, "RESOLVED", "上门查看，老人情况稳定");
        awaitState(alertId, "RESOLVED");
        bureau.post("/api/alerts/" + alertId + "/verify", Map.of("note", "回访确认"));
        bureau.post("/api/alerts/" + alertId + "/close", Map.of("note", "归档"));

        JsonNode detail = bureau.get("/api/alerts/" + alertId);
        JsonNode alert = detail.path("alert");
        assertEquals("CLOSED", alert.path("state").asText(), detail.toString());
        assertEquals(responder.userId(), alert.path("acceptedBy").asText(), "accepted by the app that accepted: " + alert);
        assertEquals("上门查看，老人情况稳定", alert.path("resolutionNote").asText(), alert.toString());
        List<String> states = new ArrayList<>();
        for (JsonNode t : detail.path("timeline")) {
            if (!t.path("toState").isNull() && !t.path("toState").asText().isEmpty()) {
                states.add(t.path("toState").asText());
            }
        }
        assertEquals(List.of("REPORTED", "DISPATCHED", "ACCEPTED", "ARRIVED", "RESOLVED", "VERIFIED", "CLOSED"), states,
                "the closed loop, in order: " + detail.path("timeline"));
        String familyNotification = toFamily.path("notificationId").asText();
        Awaitility.await("the family's receipt is recorded").atMost(WAIT).until(() -> list(bureau.get("/api/alerts/" + alertId)
                .path("notifications")).stream().anyMatch(n -> familyNotification.equals(n.path("id").asText())
                && "RECEIVED".equals(n.path("receipt").asText())));
    }

    private static JsonNode awaitNotification(SimulatedApp app, Elder e, String kind) throws InterruptedException {
        Optional<JsonNode> n = app.awaitNotification(x -> e.id().equals(x.path("elderId").asText())
                && kind.equals(x.path("kind").asText()) && ours(x), WAIT);
        return n.orElseThrow(() -> new AssertionError(app.userId() + " got no " + kind + " notification for elder " + e.id()
                + "; alerts of the elder: " + bureau.get("/api/alerts?open=false&elderId=" + e.id())));
    }

    /**
     * Whether a notification comes from this suite's alert service. Another environment's alert
     * service on the same broker (a demo, another test run) also hears this suite's watches and
     * notifies the same apps under alert ids of its own database; those are not this suite's to judge.
     */
    private static boolean ours(JsonNode notification) {
        return OURS.computeIfAbsent(notification.path("alertId").asText(), id -> {
            try {
                bureau.get("/api/alerts/" + id);
                return true;
            } catch (PlatformApi.ApiException e) {
                return false;
            }
        });
    }

    private static final Map<String, Boolean> OURS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void awaitState(String alertId, String state) {
        Awaitility.await("alert " + alertId + " is " + state).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(bureau.get("/api/alerts/" + alertId).path("alert").path("state").asText()));
    }

    private static List<JsonNode> alertsOf(Elder e, String kind) {
        return list(bureau.get("/api/alerts?open=false&elderId=" + e.id())).stream()
                .filter(a -> kind.equals(a.path("kind").asText())).toList();
    }

    /**
     * Waits until the alert service holds the elder's care circle as visit-service has it. Care
     * circles travel on the broker to every alert service there, and elder ids are numbered per
     * database: another environment on the same broker (a demo, another test run) may have left a
     * circle with this elder's id and an equal or newer version in the test database. Then the
     * elder's circle is saved again (a new version) until the alert service takes it.
     */
    private static JsonNode awaitCareCircle(String elderId) {
        PlatformApi visitSnapshots = new PlatformApi(visits.url(), DevTokens.mint("scenario-service", "service"));
        PlatformApi visitAdmin = new PlatformApi(visits.url(), DevTokens.mint("scenario-bureau", "bureau"));
        JsonNode[] circle = new JsonNode[1];
        Awaitility.await("the alert service holds visit-service's care circle of " + elderId)
                .atMost(WAIT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> {
                    JsonNode truth = visitSnapshots.get("/api/care-circles/" + elderId);
                    circle[0] = bureau.get("/api/care-circles/" + elderId);
                    boolean same = truth.path("visitors").equals(circle[0].path("visitors"))
                            && truth.path("family").equals(circle[0].path("family"));
                    if (!same && circle[0].path("version").asLong() >= truth.path("version").asLong()) {
                        JsonNode elder = visitAdmin.get("/api/elders/" + elderId);
                        visitAdmin.put("/api/elders/" + elderId + "/family", Map.of("version", elder.path("version").asLong(),
                                "contacts", elder.path("family")));
                    }
                    return same && truth.path("visitors").size() > 0 && truth.path("family").size() > 0;
                });
        return circle[0];
    }

    /**
     * Cancels open alerts the test database already holds for this elder id: another environment on
     * the same broker may have raised them for its own elder of the same id, and an open alert of a
     * kind absorbs a new one as a repeat, which notifies nobody.
     */
    static void cancelStaleAlerts(PlatformApi alerts, String elderId) {
        for (JsonNode stale : alerts.get("/api/alerts?elderId=" + elderId)) {
            alerts.post("/api/alerts/" + stale.path("id").asText() + "/cancel",
                    Map.of("note", "left by another environment on the same broker"));
        }
    }

    private static Instant createdAt(JsonNode notification) {
        return Instant.parse(notification.path("createdAt").asText());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static SimulatedApp connect(SimulatedApp app) throws Exception {
        clients.add(app);
        return app.connect();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }

    /** Discards this run's persistent sessions, so they do not collect later runs' messages. */
    private static void discardSessions(Set<String> ids) {
        for (String id : ids) {
            try {
                org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(Platform.BROKER, id,
                        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
                org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
                o.setUserName(Platform.MQTT_USER);
                o.setPassword(Platform.MQTT_PASSWORD.toCharArray());
                o.setCleanSession(true);
                c.connect(o);
                c.disconnect();
                c.close();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // the broker forgets it later or never had it
            }
        }
    }
}
