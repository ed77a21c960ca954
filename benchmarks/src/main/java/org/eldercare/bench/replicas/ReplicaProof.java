package org.eldercare.bench.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.devtokens.DevTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves that two replicas of device-gateway and of alert-service work side by side against one broker
 * and one database (started by {@code scripts/prove-replicas.sh}): the load splits between them, an
 * elder gets one alert however often and however concurrently the watch reports it, and every timer
 * fires once, also when one alert replica is killed with timers pending.
 *
 * <p>Everything is loaded and observed through the services' own APIs and the broker, as a district
 * would use them; the database is read only to see that the pending timers exist before the kill.
 */
public final class ReplicaProof {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> opt;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bureau = DevTokens.mint("replica-proof", "bureau");
    private final String deviceAdmin = DevTokens.mint("replica-proof", "device-admin");
    private final List<String> gateways;
    private final List<String> alerts;
    private final String visit;
    private final String broker;
    private final int elderCount;
    private final int telemetry;
    private final long fallWindowSeconds;

    private final List<Elder> elders = new ArrayList<>();
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    /** Family user id -> every notification message received (notificationId, alertId, kind). */
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    private final List<String> report = new ArrayList<>();
    private boolean failed;

    private record Elder(String elderId, String deviceId, String secret, String familyUserId, String familyPassword) {
    }

    private ReplicaProof(Map<String, String> opt) {
        this.opt = opt;
        this.gateways = List.of(opt.get("gateway-a"), opt.get("gateway-b"));
        this.alerts = List.of(opt.get("alert-a"), opt.get("alert-b"));
        this.visit = opt.get("visit");
        this.broker = opt.getOrDefault("broker", "tcp://127.0.0.1:1884");
        this.elderCount = Integer.parseInt(opt.getOrDefault("elders", "40"));
        this.telemetry = Integer.parseInt(opt.getOrDefault("telemetry", "3000"));
        this.fallWindowSeconds = Long.parseLong(opt.getOrDefault("fall-window-seconds", "5"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        ReplicaProof proof = new ReplicaProof(opt);
        int code;
        try {
            code = proof.prove();
        } finally {
            proof.closeClients();
        }
        System.exit(code);
    }

    private int prove() throws Exception {
        long t0 = System.nanoTime();
        load();
        log("loaded %d elders, watches and family apps in %.1f s", elders.size(), (System.nanoTime() - t0) / 1e9);
        connect();
        loadSplit();
        noDuplicateSos();
        timersOnce();
        String summary = String.join("\n", report);
        System.out.println("\n===== replica proof " + (failed ? "FAIL" : "PASS") + " (run " + run + ") =====\n" + summary);
        if (opt.containsKey("out")) {
            Files.writeString(Path.of(opt.get("out")), "run " + run + " at " + Instant.now() + ": " + (failed ? "FAIL" : "PASS")
                    + "\n\n" + summary + "\n");
        }
        return failed ? 1 : 0;
    }

    // ------------------------------------------------------------------ district

    private void load() throws Exception {
        String area = "110107001";
        String station = "ST-REP-" + run;
        call("PUT", visit + "/api/stations/" + station, bureau, Map.of("name", "副本验证驿站", "areaCode", area,
                "dutyUserIds", List.of(), "dutyPhone", "010-68880001"), 200);
        Random r = new Random();
        for (int i = 0; i < elderCount; i++) {
            String birth = String.format("%d-%02d-%02d", 1936 + r.nextInt(25), 1 + r.nextInt(12), 1 + r.nextInt(28));
            Map<String, Object> elder = new LinkedHashMap<>();
            elder.put("name", "副本老人" + i);
            elder.put("nationalId", nationalId(r, birth));
            elder.put("birthDate", birth);
            elder.put("gender", "MALE");
            elder.put("address", "北京市石景山区验证路" + (i + 1) + "号");
            elder.put("home", Map.of("lat", 39.905, "lon", 116.2));
            elder.put("areaCode", area);
            elder.put("stationId", station);
            elder.put("careCategories", List.of("LIVING_ALONE"));
            elder.put("riskLevel", "HIGH");
            elder.put("safeZone", Map.of("enabled", true, "radiusMeters", 1000));
            elder.put("monitoringConsent", true);
            JsonNode created = call("POST", visit + "/api/elders", bureau, elder, 201);
            String elderId = created.get("id").asText();
            String family = "u-rep-" + run + "-" + i;
            call("PUT", visit + "/api/elders/" + elderId + "/family", bureau, Map.of("version", created.get("version").asLong(),
                    "contacts", List.of(Map.of("userId", family, "name", "家属" + i, "relation", "SON",
                            "phone", String.format("138%08d", r.nextInt(100_000_000)), "priority", 1, "channels", List.of("APP")))), 200);
            // Provisioning alternates between the two gateways: their REST is stateless as well
            String gw = gateways.get(i % 2);
            JsonNode device = call("POST", gw + "/api/devices", deviceAdmin, Map.of("model", "EC-W2", "firmware", "2.4.1",
                    "serial", "SN-REP-" + run + "-" + i), 201);
            String deviceId = device.get("deviceId").asText();
            call("PUT", gw + "/api/devices/" + deviceId + "/binding", deviceAdmin, Map.of("elderId", elderId), 200);
            String password = call("POST", gw + "/api/app-credentials/" + family, deviceAdmin, Map.of(), 0).get("password").asText();
            elders.add(new Elder(elderId, deviceId, device.get("secret").asText(), family, password));
        }
        // Both alert replicas must know every care circle (not a shared subscription: each keeps its copy)
        boolean known = waitFor(Duration.ofSeconds(60), () -> elders.stream().allMatch(e -> alerts.stream()
                .allMatch(a -> status("GET", a + "/api/care-circles/" + e.elderId()) == 200
                        && familyKnown(a, e))));
        check(known, "care circles reached both alert replicas");
    }

    private boolean familyKnown(String alertUrl, Elder e) {
        JsonNode c = get(alertUrl + "/api/care-circles/" + e.elderId());
        return c != null && c.toString().contains(e.familyUserId());
    }

    private void connect() throws Exception {
        for (Elder e : elders) {
            clients.add(mqtt(e.deviceId(), e.deviceId(), e.secret()));
            MqttAsyncClient app = mqtt("app-" + e.familyUserId(), e.familyUserId(), e.familyPassword());
            received.put(e.familyUserId(), new CopyOnWriteArrayList<>());
            app.subscribe("eldercare/v1/users/" + e.familyUserId() + "/notifications", 1,
                    (topic, m) -> received.get(e.familyUserId()).add(JSON.readTree(m.getPayload()))).waitForCompletion(10_000);
            clients.add(app);
        }
        log("%d watches and %d family apps connected", elders.size(), elders.size());
    }

    private MqttAsyncClient mqtt(String clientId, String user, String password) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private void closeClients() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect().waitForCompletion(3_000);
                c.close();
            } catch (MqttException ignored) {
                // the end of the run: nothing to do about a client that is already gone
            }
        }
    }

    private MqttAsyncClient watch(Elder e) {
        return clients.get(elders.indexOf(e) * 2);
    }

    private void publish(Elder e, String kind, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        while (true) {
            try {
                watch(e).publish("eldercare/v1/devices/" + e.deviceId() + "/" + kind, m);
                return;
            } catch (MqttException x) {
                if (x.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw x;
                }
                sleep(5);
            }
        }
    }

    private String event(String id, String type) {
        return "{\"id\":\"" + id + "\",\"ts\":" + System.currentTimeMillis() + ",\"type\":\"" + type
                + "\",\"loc\":{\"lat\":39.905,\"lon\":116.2,\"acc\":10}}";
    }

    // ------------------------------------------------------------------ (1) load split

    private void loadSplit() throws Exception {
        List<Map<String, Double>> gwBefore = gateways.stream().map(this::metrics).toList();
        List<Map<String, Double>> alBefore = alerts.stream().map(this::metrics).toList();
        long t0 = System.nanoTime();
        for (int n = 0; n < telemetry; n++) {
            Elder e = elders.get(n % elders.size());
            publish(e, "telemetry", "{\"id\":\"t-" + run + "-" + n + "\",\"ts\":" + System.currentTimeMillis()
                    + ",\"hr\":" + (62 + n % 20) + ",\"spo2\":97,\"steps\":" + n + ",\"battery\":80,\"worn\":true,"
                    + "\"loc\":{\"lat\":39.905,\"lon\":116.2,\"acc\":15}}");
        }
        // Stored rows are the truth: the accepted counter misses a batch whose telemetry committed but
        // whose later step failed and was redelivered (it then counts as a DUPLICATE rejection)
        boolean drained = waitFor(Duration.ofSeconds(120), () -> storedTelemetry()[0] >= telemetry);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // VITALS events reach alert-service after the gateway stored them: let them arrive
        sleep(3000);
        long[] stored = storedTelemetry();
        double[] gw = new double[2];
        double[] gwMqtt = new double[2];
        double[] gwFail = new double[2];
        double[] gwDup = new double[2];
        double[] al = new double[2];
        for (int i = 0; i < 2; i++) {
            Map<String, Double> now = metrics(gateways.get(i));
            Map<String, Double> was = gwBefore.get(i);
            gw[i] = sum(now, "eldercare_gateway_accepted_total", "kind=\"telemetry\"") - sum(was, "eldercare_gateway_accepted_total", "kind=\"telemetry\"");
            gwMqtt[i] = sum(now, "eldercare_mqtt_received_total", "-ingest-") - sum(was, "eldercare_mqtt_received_total", "-ingest-");
            gwFail[i] = sum(now, "eldercare_mqtt_handler_failures_total", "-ingest-") - sum(was, "eldercare_mqtt_handler_failures_total", "-ingest-");
            gwDup[i] = sum(now, "eldercare_gateway_rejected_total", "DUPLICATE") - sum(was, "eldercare_gateway_rejected_total", "DUPLICATE");
            Map<String, Double> a = metrics(alerts.get(i));
            // VITALS events handled (they arrive in VitalsBatch messages on the readings connection)
            al[i] = sum(a, "eldercare_alert_events_total", "type=\"VITALS\"") - sum(alBefore.get(i), "eldercare_alert_events_total", "type=\"VITALS\"");
        }
        double mqttTotal = gwMqtt[0] + gwMqtt[1];
        double alTotal = al[0] + al[1];
        report.add(String.format(Locale.ROOT, "(1) load split: %d telemetry messages (QoS 1) from %d watches, all stored after %.1f s", telemetry, elders.size(), seconds));
        report.add(String.format(Locale.ROOT, "    device-gateway deliveries handled: rep-a %.0f (%.0f %%), rep-b %.0f (%.0f %%); first-time accepted rep-a %.0f, rep-b %.0f;"
                        + " handler failures (redelivered) rep-a %.0f, rep-b %.0f; redeliveries dropped as DUPLICATE rep-a %.0f, rep-b %.0f",
                gwMqtt[0], pct(gwMqtt[0], mqttTotal), gwMqtt[1], pct(gwMqtt[1], mqttTotal), gw[0], gw[1], gwFail[0], gwFail[1], gwDup[0], gwDup[1]));
        report.add(String.format(Locale.ROOT, "    telemetry rows of this run in the database: %d, distinct message ids %d", stored[0], stored[1]));
        report.add(String.format(Locale.ROOT, "    alert-service VITALS events handled rep-a %.0f (%.0f %%), rep-b %.0f (%.0f %%)",
                al[0], pct(al[0], alTotal), al[1], pct(al[1], alTotal)));
        check(drained && stored[0] == telemetry && stored[1] == telemetry, "every telemetry message stored exactly once across the gateways (" + stored[0] + "/" + telemetry + ")");
        check(gwMqtt[0] > 0.2 * mqttTotal && gwMqtt[1] > 0.2 * mqttTotal, "both gateways took a share (each above 20 %)");
        check(al[0] > 0.2 * alTotal && al[1] > 0.2 * alTotal, "both alert replicas took a share of the events (each above 20 %)");
    }

    /** [rows, distinct message ids] of this run's telemetry. */
    private long[] storedTelemetry() {
        try (Connection c = db();
             PreparedStatement s = c.prepareStatement("select count(*), count(distinct msg_id) from gateway.telemetry where msg_id like ?")) {
            s.setString(1, "t-" + run + "-%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[]{r.getLong(1), r.getLong(2)};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection db() throws java.sql.SQLException {
        return DriverManager.getConnection(opt.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/eldercare"), "eldercare", "eldercare");
    }

    private static double pct(double part, double total) {
        return total == 0 ? 0 : 100 * part / total;
    }

    // ------------------------------------------------------------------ (2) no duplicate alerts

    private void noDuplicateSos() throws Exception {
        int messages = 0;
        for (int i = 0; i < elders.size(); i++) {
            Elder e = elders.get(i);
            String id = "sos-" + run + "-" + i;
            String sos = event(id, "SOS");
            // the same message three times (a watch resending after lost PUBACKs)...
            publish(e, "events", sos);
            publish(e, "events", sos);
            publish(e, "events", sos);
            // ...and two different SOS messages at once (the wearer pressing again): shared
            // subscriptions hand them to different sessions, so to different replicas
            publish(e, "events", event(id + "-again-a", "SOS"));
            publish(e, "events", event(id + "-again-b", "SOS"));
            messages += 5;
        }
        boolean all = waitFor(Duration.ofSeconds(60), () -> elders.stream().allMatch(e -> kindCount(e, "SOS", "SOS") >= 1));
        // give duplicates, were there any, time to show up
        sleep(4000);
        int elderWithOne = 0;
        int familyWithOne = 0;
        int rawNotifications = 0;
        int distinctNotifications = 0;
        long repeats = 0;
        int foreign = 0;
        List<String> problems = new ArrayList<>();
        for (Elder e : elders) {
            List<JsonNode> sos = alertsOf(e, "SOS");
            long open = sos.stream().filter(a -> Set.of("REPORTED", "DISPATCHED", "ACCEPTED", "ARRIVED").contains(a.get("state").asText())).count();
            if (sos.size() == 1 && open == 1) {
                elderWithOne++;
                repeats += sos.get(0).get("repeatCount").asLong();
            } else if (problems.size() < 5) {
                problems.add(e.elderId() + ": " + sos.size() + " SOS alerts");
            }
            Set<String> ours = new java.util.HashSet<>();
            sos.forEach(x -> ours.add(x.get("id").asText()));
            List<JsonNode> everySos = received.get(e.familyUserId()).stream().filter(n -> "SOS".equals(n.path("kind").asText())).toList();
            // Any other alert-service on this broker (a benchmark, a demo) sees the same events and may
            // notify from its own database: those notifications are counted apart, not as duplicates
            List<JsonNode> notes = everySos.stream().filter(n -> ours.contains(n.path("alertId").asText())).toList();
            foreign += everySos.size() - notes.size();
            Set<String> ids = new java.util.HashSet<>();
            Set<String> alertIds = new java.util.HashSet<>();
            notes.forEach(n -> {
                ids.add(n.get("notificationId").asText());
                alertIds.add(n.get("alertId").asText());
            });
            rawNotifications += notes.size();
            distinctNotifications += ids.size();
            if (ids.size() == 1 && alertIds.size() == 1) {
                familyWithOne++;
            } else if (problems.size() < 5) {
                problems.add(e.familyUserId() + ": " + ids.size() + " SOS notifications for " + alertIds.size() + " alerts");
            }
        }
        int openInList = openSosInList();
        report.add(String.format(Locale.ROOT, "(2) no duplicate alerts: %d SOS messages (%d elders x (1 + 2 resends of the same id + 2 concurrent new ids))",
                messages, elders.size()));
        report.add(String.format(Locale.ROOT, "    elders with exactly one SOS alert, open: %d/%d (repeats folded into them: %d); open SOS of this run in GET /api/alerts?open=true: %d",
                elderWithOne, elders.size(), repeats, openInList));
        report.add(String.format(Locale.ROOT, "    family apps with exactly one SOS notification: %d/%d (notifications received %d, distinct ids %d; from alert services outside the proof: %d)",
                familyWithOne, elders.size(), rawNotifications, distinctNotifications, foreign));
        problems.forEach(p -> report.add("    ! " + p));
        check(all && elderWithOne == elders.size(), "exactly one open SOS alert per elder");
        check(openInList == elders.size(), "the open-alert list holds one SOS per elder");
        check(familyWithOne == elders.size(), "each family app notified once per SOS alert");
    }

    private int openSosInList() {
        JsonNode list = get(alerts.get(0) + "/api/alerts?open=true&limit=1000");
        Set<String> mine = new java.util.HashSet<>();
        elders.forEach(e -> mine.add(e.elderId()));
        int n = 0;
        for (JsonNode a : items(list)) {
            if ("SOS".equals(a.path("kind").asText()) && mine.contains(a.path("elderId").asText())) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ (3) timers fire once

    private void timersOnce() throws Exception {
        int half = elders.size() / 2;
        List<Elder> first = elders.subList(0, half);
        List<Elder> second = elders.subList(half, elders.size());

        // (3a) both replicas up
        double[] firedBefore = fired();
        long fallA = System.nanoTime();
        for (Elder e : first) {
            publish(e, "events", event("fall-" + run + "-" + elders.indexOf(e), "FALL"));
        }
        boolean a = waitFor(Duration.ofSeconds(fallWindowSeconds + 40), () -> first.stream().allMatch(e -> kindCount(e, "FALL", null) >= 1));
        double openedA = (System.nanoTime() - fallA) / 1e9;
        sleep(3000);
        int[] ra = fallVerdict(first);
        double[] firedA = fired();
        report.add(String.format(Locale.ROOT, "(3) timers: watch FALL, cancel window %d s (timer FALL_CONFIRM)", fallWindowSeconds));
        report.add(String.format(Locale.ROOT, "    both replicas up: %d elders fell, all FALL alerts open %.1f s after the falls; exactly one FALL alert %d/%d, single OPENED in the timeline %d/%d, family notified once %d/%d",
                first.size(), openedA, ra[0], first.size(), ra[1], first.size(), ra[2], first.size()));
        report.add(String.format(Locale.ROOT, "    FALL_CONFIRM timers fired (eldercare_alert_timers_fired_total): rep-a %.0f, rep-b %.0f",
                firedA[0] - firedBefore[0], firedA[1] - firedBefore[1]));
        check(a && ra[0] == first.size() && ra[1] == first.size(), "every FALL_CONFIRM timer fired once with both replicas up");

        // (3b) kill alert-service rep-a while the timers are pending
        for (Elder e : second) {
            publish(e, "events", event("fall-" + run + "-" + elders.indexOf(e), "FALL"));
        }
        boolean stored = waitFor(Duration.ofSeconds(30), () -> pendingFallTimers() + firedAlready(second) >= second.size());
        int pending = pendingFallTimers();
        long pid = Long.parseLong(opt.get("kill-pid"));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Instant killedAt = Instant.now();
        log("SIGKILL alert-service rep-a (pid %d) with %d FALL_CONFIRM timers pending", pid, pending);
        boolean b = waitFor(Duration.ofSeconds(fallWindowSeconds + 60), () -> second.stream().allMatch(e -> kindCount(e, "FALL", null) >= 1));
        double after = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;
        sleep(3000);
        int[] rb = fallVerdict(second);
        int left = pendingFallTimers();
        double firedByB = fired()[1] - firedA[1];
        report.add(String.format(Locale.ROOT, "    rep-a SIGKILLed with %d of %d timers pending: all opened by rep-b %.1f s after the kill; exactly one FALL alert %d/%d, single OPENED %d/%d, family notified once %d/%d; timers left %d",
                pending, second.size(), after, rb[0], second.size(), rb[1], second.size(), rb[2], second.size(), left));
        report.add(String.format(Locale.ROOT, "    FALL_CONFIRM timers fired by rep-b after the kill: %.0f", firedByB));
        check(stored && pending > 0, "timers were pending at the kill");
        check(b && rb[0] == second.size() && rb[1] == second.size() && left == 0, "the surviving replica fired every pending timer once");
    }

    /** FALL_CONFIRM timers fired so far by [rep-a, rep-b] (a replica that is gone counts 0). */
    private double[] fired() {
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = sum(metrics(alerts.get(i)), "eldercare_alert_timers_fired_total", "FALL_CONFIRM");
        }
        return out;
    }

    /** [exactly one FALL alert, exactly one OPENED entry in its timeline, family got one FALL notification]. */
    private int[] fallVerdict(List<Elder> group) {
        int one = 0;
        int opened = 0;
        int notified = 0;
        for (Elder e : group) {
            List<JsonNode> falls = alertsOf(e, "FALL");
            if (falls.size() == 1) {
                one++;
                JsonNode detail = get(alerts.get(1) + "/api/alerts/" + falls.get(0).get("id").asText());
                int n = 0;
                for (JsonNode t : detail.path("timeline")) {
                    if ("OPENED".equals(t.path("entry").asText())) {
                        n++;
                    }
                }
                if (n == 1) {
                    opened++;
                }
            }
            Set<String> ours = new java.util.HashSet<>();
            falls.forEach(x -> ours.add(x.get("id").asText()));
            long ids = received.get(e.familyUserId()).stream().filter(x -> "FALL".equals(x.path("kind").asText())
                            && ours.contains(x.path("alertId").asText()))
                    .map(x -> x.get("notificationId").asText()).distinct().count();
            if (ids == 1) {
                notified++;
            }
        }
        return new int[]{one, opened, notified};
    }

    private int firedAlready(List<Elder> group) {
        return (int) group.stream().filter(e -> kindCount(e, "FALL", null) >= 1).count();
    }

    private int pendingFallTimers() {
        try (Connection c = db();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from alerting.timers where kind = 'FALL_CONFIRM' and timer_key like ?")) {
            s.setString(1, "%:fall-" + run + "-%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ alert API

    private List<JsonNode> alertsOf(Elder e, String kind) {
        // the surviving replica answers: after the kill only rep-b is there
        JsonNode list = get(alerts.get(1) + "/api/alerts?elderId=" + e.elderId() + "&limit=1000");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : items(list)) {
            if (kind.equals(a.path("kind").asText())) {
                out.add(a);
            }
        }
        return out;
    }

    private int kindCount(Elder e, String kind, String unused) {
        return alertsOf(e, kind).size();
    }

    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        JsonNode arr = list.isArray() ? list : list.path("items");
        arr.forEach(out::add);
        return out;
    }

    // ------------------------------------------------------------------ plumbing

    private void check(boolean ok, String what) {
        report.add((ok ? "  PASS " : "  FAIL ") + what);
        failed |= !ok;
    }

    private JsonNode call(String method, String url, String token, Object body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300 || (expected != 0 && r.statusCode() != expected && r.statusCode() / 100 != 2)) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bureau)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private int status(String method, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bureau)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+([-0-9.eE+NaInf]+)$");

    private Map<String, Double> metrics(String base) {
        Map<String, Double> out = new HashMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                Matcher m = SAMPLE.matcher(line.trim());
                if (!line.startsWith("#") && m.matches()) {
                    out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
                }
            }
        } catch (Exception e) {
            // a replica that is gone has no metrics
        }
        return out;
    }

    private static double sum(Map<String, Double> metrics, String name, String labelPart) {
        double s = 0;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if ((e.getKey().equals(name) || e.getKey().startsWith(name + "{")) && e.getKey().contains(labelPart)) {
                s += e.getValue();
            }
        }
        return s;
    }

    private static boolean waitFor(Duration max, BooleanSupplier condition) {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(500);
        }
        return condition.getAsBoolean();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[replicas] " + format + "%n", args);
    }

    /** A syntactically valid 18-digit resident ID (GB 11643 check digit) for a fictional person. */
    private static String nationalId(Random r, String birthDate) {
        String body = "110107" + birthDate.replace("-", "") + String.format("%02d", r.nextInt(100)) + (2 * r.nextInt(5) + 1);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        char[] checks = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + checks[sum % 11];
    }
}
