package org.eldercare.simulators.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first end-to-end path, for real: device-gateway, visit-service and alert-service run as
 * processes from their jars; an elder with a family member is registered through visit-service, a
 * watch is provisioned and bound through device-gateway; the watch connects over MQTT and presses
 * SOS; the family member's app must receive the notification. Every hop is real — a broken gateway
 * ingest, internal topic, alert or notification fails this test. Then the alert service is killed
 * (SIGKILL), safety events are sent while it is down, and each must still reach the family after it
 * restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstPathIT {

    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(30);

    private static ServiceProcess gateway;
    private static ServiceProcess visits;
    private static ServiceProcess alerts;
    private static DistrictLoader.LoadedDistrict district;
    private static final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void startPlatform() throws Exception {
        gateway = Platform.gateway().start();
        visits = Platform.visits().start();
        alerts = Platform.alerts().start();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        district = new DistrictLoader(visits.url(), gateway.url()).load(DistrictPlan.generate(7, 3, tag));
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        java.util.Set<String> sessions = new java.util.TreeSet<>();
        for (ServiceProcess p : new ServiceProcess[]{alerts, visits, gateway}) {
            if (p != null) {
                sessions.addAll(p.mqttClientIds());
                p.close();
            }
        }
        // This run's persistent sessions would otherwise stay on the broker and collect copies of
        // whatever later runs publish: discard them with a clean-session login under each id.
        for (String id : sessions) {
            org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(Platform.BROKER, id,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setUserName(Platform.MQTT_USER);
            o.setPassword(Platform.MQTT_PASSWORD.toCharArray());
            o.setCleanSession(true);
            try {
                c.connect(o);
                c.disconnect();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // the broker forgets it later or never had it
            } finally {
                c.close();
            }
        }
    }

    @Test
    @Order(0)
    void everyApiAsksForATokenAndAnswersProblemJson() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String[][] calls = {{gateway.url(), "/api/devices"}, {visits.url(), "/api/elders"}, {alerts.url(), "/api/alerts"}};
        for (String[] call : calls) {
            java.net.URI uri = java.net.URI.create(call[0] + call[1]);
            var none = http.send(java.net.http.HttpRequest.newBuilder(uri).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode(), uri + " without a token");
            assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse("").split(";")[0], uri.toString());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), uri + " names the scheme");

            var expired = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + DevTokens.expired("someone", "bureau")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, expired.statusCode(), uri + " with an expired token");

            var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(call[0] + "/q/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), call[0] + "/q/health needs no token");
        }
        var wrongRole = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/api/devices"))
                .header("Authorization", "Bearer " + DevTokens.mint("f-1", "family")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongRole.statusCode(), "a family member may not list devices");
        assertEquals("application/problem+json", wrongRole.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(wrongRole.body().contains("\"status\":403"), wrongRole.body());
    }

    @Test
    @Order(1)
    void sosFromAWatchReachesTheFamilyApp() throws Exception {
        DistrictLoader.Watch watch = district.watches().get(0);
        SimulatedApp family = app(district.families().get(0));
        SimulatedWatch device = watch(watch);
        awaitCareCircleKnown(watch.elderId());

        String sosId = device.event("SOS", System.currentTimeMillis(), 39.91, 116.21, null);

        JsonNode n = family.awaitNotification(x -> watch.elderId().equals(x.path("elderId").asText())
                        && "SOS".equals(x.path("kind").asText()) && ours(x), NOTIFICATION_WAIT)
                .orElseThrow(() -> new AssertionError("the family app got no SOS notification for " + watch.elderId()
                        + " (SOS message " + sosId + "); got " + family.received()));
        assertFalse(n.path("notificationId").asText().isBlank(), "a notification carries its id: " + n);
        assertFalse(n.path("alertId").asText().isBlank(), "a notification names its alert: " + n);
        assertFalse(n.path("title").asText().isBlank(), "a notification has a title for the phone: " + n);

        JsonNode alert = alertsApi().get("/api/alerts/" + n.path("alertId").asText());
        assertEquals(watch.elderId(), alert.path("alert").path("elderId").asText());
        assertEquals("SOS", alert.path("alert").path("kind").asText());
        assertTrue(alert.path("notifications").size() >= 2,
                "the SOS notified the elder's family and patrol visitor together: " + alert.path("notifications"));
    }

    @Test
    @Order(2)
    void aResentSosOpensNoSecondAlert() throws Exception {
        DistrictLoader.Watch watch = district.watches().get(1);
        SimulatedApp family = app(district.families().get(1));
        SimulatedWatch device = watch(watch);
        awaitCareCircleKnown(watch.elderId());

        String id = device.nextId();
        String payload = "{\"id\":\"" + id + "\",\"ts\":" + System.currentTimeMillis() + ",\"type\":\"SOS\"}";
        device.raw("events", payload.getBytes(), 1);
        device.raw("events", payload.getBytes(), 1);

        JsonNode first = family.awaitNotification(x -> isSos(x, watch.elderId()), NOTIFICATION_WAIT)
                .orElseThrow(() -> new AssertionError("no notification for the SOS"));
        Optional<JsonNode> second = family.awaitNotification(x -> isSos(x, watch.elderId())
                && !x.path("alertId").asText().equals(first.path("alertId").asText()), Duration.ofSeconds(3));
        assertTrue(second.isEmpty(), "the resent SOS must not open another alert: " + second);
    }

    @Test
    @Order(3)
    void safetyEventsSentWhileTheAlertServiceIsDeadStillAlertAfterItRestarts() throws Exception {
        DistrictLoader.Watch watch = district.watches().get(2);
        SimulatedApp family = app(district.families().get(2));
        SimulatedWatch device = watch(watch);
        awaitCareCircleKnown(watch.elderId());

        alerts.kill();
        String sosId = device.event("SOS", System.currentTimeMillis(), 39.92, 116.22, null);
        alerts = Platform.alerts().start();

        family.awaitNotification(x -> watch.elderId().equals(x.path("elderId").asText())
                        && "SOS".equals(x.path("kind").asText()) && ours(x), Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("the SOS " + sosId + " sent while the alert service was down"
                        + " never reached the family after its restart; got " + family.received()));
    }

    private static boolean isSos(JsonNode notification, String elderId) {
        return elderId.equals(notification.path("elderId").asText()) && "SOS".equals(notification.path("kind").asText())
                && ours(notification);
    }

    /**
     * Whether this run's alert service raised the notification's alert: another environment's
     * alert service on the same broker hears these watches too and notifies the same apps under
     * alert ids of its own database (elder ids are numbered per database, so they collide).
     */
    private static boolean ours(JsonNode notification) {
        try {
            alertsApi().get("/api/alerts/" + notification.path("alertId").asText());
            return true;
        } catch (PlatformApi.ApiException e) {
            return e.status() != 404;
        }
    }

    private static void awaitCareCircleKnown(String elderId) {
        // The elder was registered a moment ago: wait until visit-service's care-circle publication
        // has reached the alert service, as it would have long before any real alert.
        PlatformApi api = alertsApi();
        org.awaitility.Awaitility.await("the alert service learns the care circle of " + elderId)
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> api.get("/api/care-circles/" + elderId) != null);
        IncidentScenariosIT.cancelStaleAlerts(api, elderId);
    }

    private static PlatformApi alertsApi() {
        return new PlatformApi(alerts.url(), DevTokens.mint("e2e-bureau", "bureau"));
    }

    private static SimulatedApp app(DistrictLoader.AppUser user) throws Exception {
        SimulatedApp app = new SimulatedApp(Platform.BROKER, user.userId(), user.password(), user.visitor()).connect();
        clients.add(app);
        return app;
    }

    private static SimulatedWatch watch(DistrictLoader.Watch w) throws Exception {
        SimulatedWatch watch = new SimulatedWatch(Platform.BROKER, w.deviceId(), w.secret()).connect();
        clients.add(watch);
        return watch;
    }
}
