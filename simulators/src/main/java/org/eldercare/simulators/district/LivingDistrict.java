package org.eldercare.simulators.district;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.devtokens.DevTokens;
import org.eldercare.simulators.api.PlatformApi;
import org.eldercare.simulators.device.SimulatedApp;
import org.eldercare.simulators.device.SimulatedWatch;
import org.eldercare.simulators.fleet.DailyRhythm;
import org.eldercare.simulators.fleet.Motion;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A living district for the demo: loads a seeded district through the services' APIs, connects a
 * watch per elder and an app per patrol visitor and family member, streams telemetry with daily
 * rhythms, stages incidents (real falls, falls the wearer cancels, SOS, wandering out of the safe
 * zone, a watch taken off, a flat battery, garbage on the wire), lets the people in the apps answer
 * with human delays, and prints what happens: each alert, who was notified, who accepted, arrived
 * and resolved, and how fast.
 *
 * <pre>java ... LivingDistrict [--elders 60] [--seed 42] [--incident-seconds 20] [--gateway URL]
 *   [--visits URL] [--alerts URL] [--broker tcp://host:port]</pre>
 */
public final class LivingDistrict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Map<String, String> args;
    private final Random random;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final Map<String, SimulatedWatch> watchesByElder = new ConcurrentHashMap<>();
    private final Map<String, DailyRhythm> rhythms = new ConcurrentHashMap<>();
    private final Map<String, String> userNames = new ConcurrentHashMap<>();
    private final Map<String, Long> incidentStartedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> alertOpenedAt = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DistrictLoader.LoadedDistrict district;
    private PlatformApi alertsApi;

    private LivingDistrict(Map<String, String> args) {
        this.args = args;
        this.random = new Random(Long.parseLong(args.getOrDefault("seed", "42")) + 1);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        LivingDistrict d = new LivingDistrict(args);
        Runtime.getRuntime().addShutdownHook(new Thread(d::stop));
        d.run();
        Thread.currentThread().join();
    }

    private String arg(String name, String fallback) {
        return args.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        String broker = arg("broker", "tcp://127.0.0.1:1884");
        int elders = Integer.parseInt(arg("elders", "60"));
        long seed = Long.parseLong(arg("seed", "42"));
        alertsApi = new PlatformApi(arg("alerts", "http://127.0.0.1:8082"), DevTokens.mint("demo-bureau", "bureau"));

        String tag = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        say("loading a district of %d elders (seed %d) through visit-service and device-gateway ...", elders, seed);
        DistrictPlan plan = DistrictPlan.generate(seed, elders, tag);
        district = new DistrictLoader(arg("visits", "http://127.0.0.1:8083"), arg("gateway", "http://127.0.0.1:8081")).load(plan);
        district.visitors().forEach(v -> userNames.put(v.userId(), v.name() + " (patrol visitor)"));
        district.families().forEach(f -> userNames.put(f.userId(), f.name() + " (family)"));
        say("%d streets, %d patrol visitors, %d elders with a watch and a family member",
                plan.streets.size(), district.visitors().size(), district.watches().size());

        observe(broker);
        for (DistrictLoader.AppUser v : district.visitors()) {
            SimulatedApp app = new SimulatedApp(broker, v.userId(), v.password(), true).connect();
            app.onNotification(n -> visitorAnswers(app, n));
            closeables.add(app);
        }
        for (DistrictLoader.AppUser f : district.families()) {
            SimulatedApp app = new SimulatedApp(broker, f.userId(), f.password(), false).connect();
            app.onNotification(n -> later(1000 + random.nextInt(2000), () -> app.ack(n.path("notificationId").asText(), "RECEIVED", null)));
            closeables.add(app);
        }
        for (DistrictLoader.Watch w : district.watches()) {
            SimulatedWatch watch = new SimulatedWatch(broker, w.deviceId(), w.secret()).connect();
            watchesByElder.put(w.elderId(), watch);
            rhythms.put(w.elderId(), new DailyRhythm(w.deviceId().hashCode(), w.elder().lat(), w.elder().lon()));
            closeables.add(watch);
        }
        say("%d watches online; telemetry every 15 s each; an incident every %s s", watchesByElder.size(), arg("incident-seconds", "20"));
        say("watching alerts (Ctrl-C to stop) ...");

        int i = 0;
        for (String elderId : watchesByElder.keySet()) {
            long offset = (i++ * 15_000L) / Math.max(1, watchesByElder.size());
            scheduler.scheduleAtFixedRate(() -> telemetry(elderId), offset, 15_000, TimeUnit.MILLISECONDS);
        }
        long every = Long.parseLong(arg("incident-seconds", "20")) * 1000;
        scheduler.scheduleAtFixedRate(this::incident, 3000, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::closeResolvedAlerts, 5000, 3000, TimeUnit.MILLISECONDS);
    }

    private void telemetry(String elderId) {
        try {
            DailyRhythm.Reading r = rhythms.get(elderId).at(System.currentTimeMillis());
            watchesByElder.get(elderId).telemetry(r.ts(), r.hr(), r.spo2(), r.steps(), Math.max(r.battery(), 20), true,
                    r.lat(), r.lon(), 0);
        } catch (Exception e) {
            // a watch out of coverage: it will send again later
        }
    }

    private int incidentNo;

    private void incident() {
        List<String> elders = new ArrayList<>(watchesByElder.keySet());
        String elderId = elders.get(random.nextInt(elders.size()));
        SimulatedWatch watch = watchesByElder.get(elderId);
        DailyRhythm home = rhythms.get(elderId);
        String name = district.elderNames().get(elderId);
        try {
            switch (incidentNo++ % 6) {
                case 0 -> {
                    say("! %s (%s) falls; the watch detects it and nobody cancels", name, elderId);
                    incidentStartedAt.put(elderId, System.currentTimeMillis());
                    watch.event("FALL", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                }
                case 1 -> {
                    say("! %s presses SOS", name);
                    incidentStartedAt.put(elderId, System.currentTimeMillis());
                    watch.event("SOS", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                }
                case 2 -> {
                    say("! %s stumbles; the watch reports a fall, the wearer presses \"I am fine\" 8 s later", name);
                    String fall = watch.event("FALL", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                    later(8000, () -> watch.event("FALL_CANCELLED", System.currentTimeMillis(), null, null, fall));
                }
                case 3 -> {
                    say("! %s wanders 2 km from home", name);
                    incidentStartedAt.put(elderId, System.currentTimeMillis());
                    for (int k = 0; k < 3; k++) {
                        int step = k;
                        later(k * 2000L, () -> watch.telemetry(System.currentTimeMillis(), 88, 96, 4000, 60, true,
                                home.homeLat() + 0.018 + step * 0.001, home.homeLon() + 0.004, 1));
                    }
                }
                case 4 -> {
                    say("! %s's watch sends motion of a hard fall (server-side detection)", name);
                    incidentStartedAt.put(elderId, System.currentTimeMillis());
                    long t = System.currentTimeMillis();
                    watch.motion(t - 4000, 25, Motion.everyday(random, 25, 2));
                    watch.motion(t - 2000, 25, Motion.fall(random, 25, 2));
                    for (int k = 0; k < 4; k++) {
                        double[][] still = Motion.fall(random, 25, 3);
                        double[][] tail = java.util.Arrays.copyOfRange(still, still.length - 50, still.length);
                        watch.motion(t + k * 2000L, 25, tail);
                    }
                }
                default -> {
                    say("! a watch sends garbage (malformed JSON, heart rate 300): the gateway quarantines it");
                    watch.raw("telemetry", "{\"id\":\"x\",\"ts\":".getBytes(), 1);
                    watch.raw("telemetry", ("{\"id\":\"" + UUID.randomUUID() + "\",\"ts\":" + System.currentTimeMillis()
                            + ",\"hr\":300}").getBytes(), 1);
                }
            }
        } catch (Exception e) {
            say("incident could not be staged: %s", e.getMessage());
        }
    }

    private void visitorAnswers(SimulatedApp app, JsonNode n) {
        String notificationId = n.path("notificationId").asText();
        boolean canAccept = false;
        for (JsonNode a : n.path("actions")) {
            canAccept |= a.asText().startsWith("ACCEPT");
        }
        if (!canAccept) {
            later(1000, () -> app.ack(notificationId, "RECEIVED", null));
            return;
        }
        later(500 + random.nextInt(1000), () -> app.ack(notificationId, "RECEIVED", null));
        if (random.nextInt(10) < 2) {
            later(2000 + random.nextInt(3000), () -> app.ack(notificationId, "DECLINED", null));
            return;
        }
        long accept = 2000 + random.nextInt(4000);
        long arrive = accept + 6000 + random.nextInt(6000);
        long resolve = arrive + 4000 + random.nextInt(4000);
        later(accept, () -> app.ack(notificationId, "ACCEPTED", null));
        later(arrive, () -> app.ack(notificationId, "ARRIVED", null));
        later(resolve, () -> app.ack(notificationId, "RESOLVED", "已上门查看，老人情况稳定，已联系家属"));
    }

    private void observe(String broker) throws Exception {
        MqttClient observer = new MqttClient(broker, "demo-observer-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(arg("mqtt-user", "platform"));
        o.setPassword(arg("mqtt-password", "platform-dev-secret").toCharArray());
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        observer.connect(o);
        observer.subscribe("eldercare/v1/users/+/notifications", 1, (topic, msg) -> {
            JsonNode n = JSON.readTree(msg.getPayload());
            String user = topic.split("/")[3];
            String alertId = n.path("alertId").asText();
            long now = System.currentTimeMillis();
            Long started = incidentStartedAt.get(n.path("elderId").asText());
            alertOpenedAt.putIfAbsent(alertId, now);
            say("  -> %-18s alert %s [%s, %s] notified %s%s", n.path("kind").asText(), shortId(alertId),
                    district.elderNames().getOrDefault(n.path("elderId").asText(), n.path("elderId").asText()),
                    n.path("severity").asText(), userNames.getOrDefault(user, user),
                    started == null ? "" : String.format(" %.1f s after the incident", (now - started) / 1000.0));
        });
        for (String acks : List.of("eldercare/v1/visitors/+/acks", "eldercare/v1/users/+/acks")) {
            observer.subscribe(acks, 1, (topic, msg) -> {
                JsonNode a = JSON.readTree(msg.getPayload());
                String action = a.path("action").asText();
                if (!"RECEIVED".equals(action)) {
                    String user = topic.split("/")[3];
                    say("     %-9s by %s%s", action, userNames.getOrDefault(user, user),
                            a.hasNonNull("note") ? ": " + a.path("note").asText() : "");
                }
            });
        }
        closeables.add(observer::disconnect);
    }

    /** The bureau's part of the closed loop: verify resolved alerts and close them. */
    private void closeResolvedAlerts() {
        try {
            for (JsonNode alert : alertsApi.get("/api/alerts?open=false&limit=200")) {
                if (!"RESOLVED".equals(alert.path("state").asText())) {
                    continue;
                }
                String id = alert.path("id").asText();
                alertsApi.post("/api/alerts/" + id + "/verify", Map.of("note", "回访确认"));
                alertsApi.post("/api/alerts/" + id + "/close", Map.of("note", "归档"));
                Long opened = alertOpenedAt.remove(id);
                say("  ** CLOSED alert %s for %s: verified and closed by the bureau%s", shortId(id),
                        district.elderNames().getOrDefault(alert.path("elderId").asText(), alert.path("elderId").asText()),
                        opened == null ? "" : String.format(", %.1f s after it was raised", (System.currentTimeMillis() - opened) / 1000.0));
            }
        } catch (Exception e) {
            // the alert service may be restarting: try again on the next round
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void later(long delayMs, Step step) {
        scheduler.schedule(() -> {
            try {
                step.run();
            } catch (Exception e) {
                // an app or watch that lost its connection: the simulated person gives up on this step
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static synchronized void say(String format, Object... values) {
        System.out.println(LocalTime.now().format(CLOCK) + "  " + String.format(format, values));
    }

    private void stop() {
        scheduler.shutdownNow();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping
            }
        }
    }
}
