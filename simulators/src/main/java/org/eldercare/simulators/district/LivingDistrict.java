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
import org.eldercare.simulators.fleet.FleetConditions;
import org.eldercare.simulators.fleet.Motion;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * <p>The fleet lives in the field: each watch's clock drifts a little, watches lose coverage and
 * flush what they kept in a burst, connections drop and come back, and a share of messages is
 * garbage ({@link FleetConditions}). With {@code --minutes} it stops by itself after that long and
 * prints a summary (soak mode). With {@code --forgotten-check-in-minutes N} the first elder's
 * check-in deadline is set about N minutes ahead and their watch shows no activity until it passed,
 * so a missed check-in is raised (the alert service must run without a first-check-in grace).
 *
 * <pre>java ... LivingDistrict [--elders 60] [--seed 42] [--incident-seconds 20] [--minutes N]
 *   [--field everyday|busy|none] [--forgotten-check-in-minutes N] [--gateway URL] [--visits URL] [--alerts URL]
 *   [--broker tcp://host:port]</pre>
 */
public final class LivingDistrict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Map<String, String> args;
    private final Random random;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final Map<String, SimulatedWatch> watchesByElder = new ConcurrentHashMap<>();
    private final Map<String, DailyRhythm> rhythms = new ConcurrentHashMap<>();
    private final Map<String, FleetConditions> field = new ConcurrentHashMap<>();
    private final SoakSummary summary = new SoakSummary();
    private final Map<String, String> userNames = new ConcurrentHashMap<>();
    /** When an incident was staged, by elder and the alert kind it should raise ("elderId:KIND"). */
    private final Map<String, Long> incidentStartedAt = new ConcurrentHashMap<>();
    /** When the incident behind each alert was staged. */
    private final Map<String, Long> incidentOfAlert = new ConcurrentHashMap<>();
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
        // A forgotten check-in: the plan's first elder gets a deadline a few minutes from now and a
        // watch that shows no activity until it has passed (activity while worn counts as a check-in).
        DistrictPlan.Elder forgetful = args.containsKey("forgotten-check-in-minutes") ? plan.elders.get(0) : null;
        String forgottenDeadline = forgetful == null ? null : LocalTime.now(DISTRICT_ZONE)
                .plusMinutes(Long.parseLong(arg("forgotten-check-in-minutes", "2")) + 1).truncatedTo(ChronoUnit.MINUTES).toString();
        district = new DistrictLoader(arg("visits", "http://127.0.0.1:8083"), arg("gateway", "http://127.0.0.1:8081"))
                .withStationOps(args.get("station-ops"))
                .load(plan, e -> e == forgetful ? Map.of("checkIn", Map.of("enabled", true, "deadline", forgottenDeadline)) : Map.of());
        if (forgetful != null) {
            String elderId = district.watches().get(0).elderId();
            ZonedDateTime due = LocalDate.now(DISTRICT_ZONE).atTime(LocalTime.parse(forgottenDeadline)).atZone(DISTRICT_ZONE);
            if (due.toInstant().toEpochMilli() < System.currentTimeMillis()) {
                due = due.plusDays(1); // the deadline fell after midnight
            }
            forgottenCheckIn = elderId;
            forgottenUntil = due.toInstant().toEpochMilli() + 60_000;
            incidentStartedAt.put(elderId + ":MISSED_CHECK_IN", due.toInstant().toEpochMilli());
            summary.staged("forgotten check-in");
            say("! %s (%s) will forget to check in: deadline %s today, the watch shows no activity until then",
                    district.elderNames().get(elderId), elderId, forgottenDeadline);
        }
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
            field.put(w.elderId(), new FleetConditions(seed * 7919 + w.deviceId().hashCode(),
                    switch (arg("field", "everyday")) {
                        case "none" -> FleetConditions.Rates.none();
                        case "busy" -> FleetConditions.Rates.busy();
                        default -> FleetConditions.Rates.everyday();
                    }));
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
        if (args.containsKey("minutes")) {
            long minutes = Long.parseLong(arg("minutes", "10"));
            say("soak: running for %d minute(s), then printing a summary", minutes);
            summary.begin();
            scheduler.schedule(this::finishSoak, minutes, TimeUnit.MINUTES);
        }
    }

    private void finishSoak() {
        Map<String, Long> rejects = new java.util.TreeMap<>();
        try {
            PlatformApi gateway = new PlatformApi(arg("gateway", "http://127.0.0.1:8081"), DevTokens.mint("demo-admin", "device-admin"));
            java.util.Set<String> ours = new java.util.HashSet<>();
            district.watches().forEach(w -> ours.add(w.deviceId()));
            for (JsonNode row : gateway.get("/api/quarantine/summary")) {
                if (ours.contains(row.path("sender").asText())) {
                    rejects.merge(row.path("reason").asText(), row.path("count").asLong(), Long::sum);
                }
            }
        } catch (Exception e) {
            say("could not read the gateway's quarantine summary: %s", e.getMessage());
        }
        System.out.println();
        System.out.println(summary.report(rejects));
        System.out.flush();
        // The shutdown hook closes the watches and apps
        new Thread(() -> System.exit(0)).start();
    }

    private void telemetry(String elderId) {
        SimulatedWatch watch = watchesByElder.get(elderId);
        FleetConditions conditions = field.get(elderId);
        DailyRhythm.Reading r = rhythms.get(elderId).at(conditions.watchClock(System.currentTimeMillis()));
        try {
            switch (conditions.next(r)) {
                case SEND -> send(watch, quiet(elderId, r), 0);
                case BUFFER -> summary.buffered();
                case FLUSH_THEN_SEND -> {
                    // Back in coverage: what was kept goes first, oldest first, acknowledged one by one.
                    var kept = conditions.drain();
                    summary.burst(kept.size());
                    for (DailyRhythm.Reading old : kept) {
                        send(watch, quiet(elderId, old), 1);
                    }
                }
                case DROP_CONNECTION -> {
                    summary.reconnect();
                    watch.loseConnection();
                    later(3000 + random.nextInt(10_000), watch::reconnect);
                }
                case GARBAGE -> {
                    FleetConditions.Garbage g = conditions.garbage(watch.nextId(), r.ts());
                    summary.garbage(g.expectedReason());
                    watch.raw(g.endpoint(), g.payload(), 1);
                }
            }
        } catch (Exception e) {
            // a watch out of coverage: it will send again later
        }
    }

    /** The forgetful elder's readings show no steps until just after the deadline, then the day goes on. */
    private DailyRhythm.Reading quiet(String elderId, DailyRhythm.Reading r) {
        if (!elderId.equals(forgottenCheckIn) || System.currentTimeMillis() >= forgottenUntil) {
            return r;
        }
        return new DailyRhythm.Reading(r.ts(), r.hr(), r.spo2(), 0, r.battery(), r.worn(), r.lat(), r.lon());
    }

    private static void send(SimulatedWatch watch, DailyRhythm.Reading r, int qos) throws Exception {
        var token = watch.telemetry(r.ts(), r.hr(), r.spo2(), r.steps(), Math.max(r.battery(), 20), true, r.lat(), r.lon(), qos);
        if (qos > 0) {
            token.waitForCompletion(10_000);
        }
    }

    private int incidentNo;
    private static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");
    private volatile String forgottenCheckIn;
    private volatile long forgottenUntil;

    private void incident() {
        List<String> elders = new ArrayList<>(watchesByElder.keySet());
        if (forgottenCheckIn != null && System.currentTimeMillis() < forgottenUntil && elders.size() > 1) {
            elders.remove(forgottenCheckIn); // an incident's activity would count as the check-in
        }
        String elderId = elders.get(random.nextInt(elders.size()));
        SimulatedWatch watch = watchesByElder.get(elderId);
        DailyRhythm home = rhythms.get(elderId);
        String name = district.elderNames().get(elderId);
        try {
            int kind = incidentNo++ % 7;
            summary.staged(new String[]{"fall", "SOS", "cancelled fall", "wandering", "motion fall", "garbage", "flat battery"}[kind]);
            switch (kind) {
                case 0 -> {
                    say("! %s (%s) falls; the watch detects it and nobody cancels", name, elderId);
                    incidentStartedAt.put(elderId + ":FALL", System.currentTimeMillis());
                    watch.event("FALL", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                }
                case 1 -> {
                    say("! %s presses SOS", name);
                    incidentStartedAt.put(elderId + ":SOS", System.currentTimeMillis());
                    watch.event("SOS", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                }
                case 2 -> {
                    say("! %s stumbles; the watch reports a fall, the wearer presses \"I am fine\" 8 s later", name);
                    String fall = watch.event("FALL", System.currentTimeMillis(), home.homeLat(), home.homeLon(), null);
                    later(8000, () -> watch.event("FALL_CANCELLED", System.currentTimeMillis(), null, null, fall));
                }
                case 3 -> {
                    say("! %s wanders 2 km from home", name);
                    incidentStartedAt.put(elderId + ":LEFT_SAFE_ZONE", System.currentTimeMillis());
                    for (int k = 0; k < 3; k++) {
                        int step = k;
                        later(k * 2000L, () -> watch.telemetry(System.currentTimeMillis(), 88, 96, 4000, 60, true,
                                home.homeLat() + 0.018 + step * 0.001, home.homeLon() + 0.004, 1));
                    }
                }
                case 4 -> {
                    say("! %s's watch sends motion of a hard fall (server-side detection)", name);
                    incidentStartedAt.put(elderId + ":FALL", System.currentTimeMillis());
                    long t = System.currentTimeMillis();
                    watch.motion(t - 4000, 25, Motion.everyday(random, 25, 2));
                    watch.motion(t - 2000, 25, Motion.fall(random, 25, 2));
                    for (int k = 0; k < 4; k++) {
                        double[][] still = Motion.fall(random, 25, 3);
                        double[][] tail = java.util.Arrays.copyOfRange(still, still.length - 50, still.length);
                        watch.motion(t + k * 2000L, 25, tail);
                    }
                }
                case 6 -> {
                    say("! %s's watch runs flat: battery 9 %%, then it goes silent (charged again in 10 minutes)", name);
                    incidentStartedAt.put(elderId + ":LOW_BATTERY", System.currentTimeMillis());
                    watch.telemetry(System.currentTimeMillis(), 74, 97, 1200, 9, true, home.homeLat(), home.homeLon(), 1)
                            .waitForCompletion(10_000);
                    later(2000, () -> {
                        incidentStartedAt.put(elderId + ":DEVICE_OFFLINE", System.currentTimeMillis());
                        watch.loseConnection();
                    });
                    later(600_000, watch::reconnect);
                }
                default -> {
                    say("! a watch sends garbage (malformed JSON, heart rate 300): the gateway quarantines it");
                    summary.garbage("MALFORMED_JSON");
                    summary.garbage("OUT_OF_RANGE");
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
        o.setMaxInflight(1000); // Paho returns from a publish before it counts the PUBACK; a small window overflows under load
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
            if (!userNames.containsKey(user) || !ours(alertId)) {
                return; // another district, or another environment's alert service on the same broker
            }
            Long staged = incidentStartedAt.remove(n.path("elderId").asText() + ":" + n.path("kind").asText());
            if (staged != null) {
                incidentOfAlert.putIfAbsent(alertId, staged);
            }
            Long started = incidentOfAlert.get(alertId);
            alertOpenedAt.putIfAbsent(alertId, now);
            summary.notified(alertId, n.path("kind").asText(), userNames.getOrDefault(user, "").endsWith("(family)"),
                    started == null ? -1 : now - started);
            say("  -> %-18s alert %s [%s, %s] notified %s%s", n.path("kind").asText(), shortId(alertId),
                    district.elderNames().getOrDefault(n.path("elderId").asText(), n.path("elderId").asText()),
                    n.path("severity").asText(), userNames.getOrDefault(user, user),
                    started == null ? "" : String.format(" %.1f s after the incident", (now - started) / 1000.0));
        });
        for (String acks : List.of("eldercare/v1/visitors/+/acks", "eldercare/v1/users/+/acks")) {
            observer.subscribe(acks, 1, (topic, msg) -> {
                JsonNode a = JSON.readTree(msg.getPayload());
                String action = a.path("action").asText();
                String user = topic.split("/")[3];
                if (!"RECEIVED".equals(action) && userNames.containsKey(user)) {
                    say("     %-9s by %s%s", action, userNames.getOrDefault(user, user),
                            a.hasNonNull("note") ? ": " + a.path("note").asText() : "");
                }
            });
        }
        closeables.add(observer::disconnect);
    }

    private final Map<String, Boolean> ourAlerts = new ConcurrentHashMap<>();

    /** Whether this district's alert service raised the alert (not another environment's on the same broker). */
    private boolean ours(String alertId) {
        return ourAlerts.computeIfAbsent(alertId, id -> {
            try {
                alertsApi.get("/api/alerts/" + id);
                return true;
            } catch (PlatformApi.ApiException e) {
                return e.status() != 404;
            }
        });
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
                summary.closed(opened == null ? -1 : System.currentTimeMillis() - opened);
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
