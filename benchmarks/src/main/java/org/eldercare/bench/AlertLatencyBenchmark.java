package org.eldercare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.bench.BenchFleet.Watch;
import org.eldercare.devtokens.DevTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.eldercare.bench.BenchFleet.secondsSince;

/**
 * Latency of an SOS from a watch to the family app's notification, through device-gateway and
 * alert-service and the real broker, while other watches publish telemetry at a background rate;
 * beside it, in the same phases, the broker's own round trip (one Paho publisher, one Paho
 * subscriber, QoS 1, a payload the size of the SOS event).
 *
 * <p>SOS opens one alert per elder; a repeat only updates it and notifies nobody again, so every
 * probe uses a fresh elder: {@code probes} elders per phase, each with its family app connected.
 * Arguments: {@code --gateway --visit --alert --broker --rates 0,2000,10000 --probes 100
 * --interval-ms 200 --background-watches 200 --background-qos 1 --out <file.md>}.
 */
public final class AlertLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LOST_AFTER_MS = 10_000;

    private final Map<String, String> args;
    private final String gateway;
    private final String visit;
    private final String alert;
    private final String broker;
    private final List<Integer> rates = new ArrayList<>();
    private final int probes;
    private final int intervalMs;
    private final int backgroundWatches;
    private final int backgroundQos;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bureau = DevTokens.mint("latency-benchmark", "bureau");
    private final String deviceAdmin = DevTokens.mint("latency-benchmark", "device-admin");
    private final Random random = new Random();

    private AlertLatencyBenchmark(Map<String, String> args) {
        this.args = args;
        this.gateway = args.getOrDefault("gateway", "http://127.0.0.1:28281");
        this.alert = args.getOrDefault("alert", "http://127.0.0.1:28282");
        this.visit = args.getOrDefault("visit", "http://127.0.0.1:28283");
        this.broker = args.getOrDefault("broker", "tcp://127.0.0.1:1884");
        for (String r : args.getOrDefault("rates", "0,2000,10000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        this.probes = Integer.parseInt(args.getOrDefault("probes", "100"));
        this.intervalMs = Integer.parseInt(args.getOrDefault("interval-ms", "200"));
        this.backgroundWatches = Integer.parseInt(args.getOrDefault("background-watches", "200"));
        this.backgroundQos = Integer.parseInt(args.getOrDefault("background-qos", "1"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new AlertLatencyBenchmark(args).run();
        System.exit(0);
    }

    record Probe(Watch watch, String familyUserId, String appPassword) {
    }

    record Phase(int rate, double offered, long[] alertMs, int lost, long[] rawMs, int rawLost, String loadAvg) {
    }

    private void run() throws Exception {
        log("run %s: rates %s msg/s, %d probes per phase every %d ms, %d background watches (telemetry QoS %d)",
                run, rates, probes, intervalMs, backgroundWatches, backgroundQos);
        String station = "lat-st-" + run;
        send("PUT", visit + "/api/stations/" + station, bureau, Map.of("name", "Latency bench " + run, "areaCode", "110107001",
                "dutyUserIds", List.of(), "dutyPhone", "010-68880001"), 200, 201);
        List<Probe> all = provisionProbes(station, probes * rates.size());
        List<Watch> background = provisionBackground();
        awaitCareCircles(all);
        List<Phase> phases = new ArrayList<>();
        for (int p = 0; p < rates.size(); p++) {
            phases.add(phase(rates.get(p), all.subList(p * probes, (p + 1) * probes), background));
        }
        summarize(phases);
    }

    // ------------------------------------------------------------------ provisioning

    private List<Probe> provisionProbes(String station, int n) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Probe>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> provisionProbe(station, k)));
        }
        List<Probe> out = new ArrayList<>();
        for (Future<Probe> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        log("provisioned %d probe elders (elder, family, watch, binding, app password) in %.1f s", n, secondsSince(t0));
        return out;
    }

    private Probe provisionProbe(String station, int k) throws IOException, InterruptedException {
        int year = 1935 + random.nextInt(20);
        String birth = String.format(Locale.ROOT, "%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        Map<String, Object> elder = new LinkedHashMap<>();
        elder.put("name", "Latency elder " + run + "-" + k);
        elder.put("nationalId", nationalId(birth));
        elder.put("birthDate", birth);
        elder.put("gender", k % 2 == 0 ? "FEMALE" : "MALE");
        elder.put("address", "Bench road " + k);
        elder.put("home", Map.of("lat", 39.94, "lon", 116.1));
        elder.put("areaCode", "110107001");
        elder.put("stationId", station);
        elder.put("careCategories", List.of());
        elder.put("riskLevel", "MEDIUM");
        elder.put("monitoringConsent", true);
        JsonNode created = send("POST", visit + "/api/elders", bureau, elder, 201, 200);
        String elderId = created.get("id").asText();
        String family = "lat-fam-" + run + "-" + k;
        send("PUT", visit + "/api/elders/" + elderId + "/family", bureau, Map.of("version", created.get("version").asLong(),
                "contacts", List.of(Map.of("userId", family, "name", "Family " + k, "relation", "child",
                        "phone", "1380000" + String.format(Locale.ROOT, "%04d", k % 10_000), "priority", 1, "channels", List.of("APP")))),
                200);
        JsonNode device = send("POST", gateway + "/api/devices", deviceAdmin, Map.of("model", "EC-W2", "firmware", "2.4.1",
                "serial", "SN-lat-" + run + "-" + k), 201, 200);
        String deviceId = device.get("deviceId").asText();
        send("PUT", gateway + "/api/devices/" + deviceId + "/binding", deviceAdmin, Map.of("elderId", elderId), 200);
        String password = send("POST", gateway + "/api/app-credentials/" + family, deviceAdmin, Map.of(), 201, 200)
                .get("password").asText();
        return new Probe(new Watch(deviceId, device.get("secret").asText(), elderId), family, password);
    }

    private List<Watch> provisionBackground() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        // bound to elders visit-service does not know: their telemetry takes the full gateway path
        // (storage, VITALS event) and alert-service receives the VITALS events without a care circle
        List<Watch> out = BenchFleet.provision(http, gateway, deviceAdmin, "lat-bg-" + run + "-", "lat-bg-elder-" + run + "-",
                backgroundWatches, Duration.ofMinutes(5));
        log("provisioned and bound %d background watches in %.1f s", out.size(), secondsSince(t0));
        return out;
    }

    private void awaitCareCircles(List<Probe> all) throws Exception {
        long t0 = System.nanoTime();
        for (Probe p : all) {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(alert + "/api/care-circles/" + p.watch().elderId()))
                        .header("Authorization", "Bearer " + bureau).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
                if (secondsSince(t0) > 120) {
                    throw new IllegalStateException("alert-service never got the care circle of " + p.watch().elderId());
                }
                Thread.sleep(100);
            }
        }
        log("alert-service holds all %d care circles (%.1f s)", all.size(), secondsSince(t0));
    }

    /** GB 11643 resident ID: area 110107, birth date, 3 random digits, check character. */
    private String nationalId(String birth) {
        String body = "110107" + birth.replace("-", "") + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    // ------------------------------------------------------------------ a phase

    private Phase phase(int rate, List<Probe> batch, List<Watch> background) throws Exception {
        String name = "rate-" + rate;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> alertLatency = new ConcurrentHashMap<>();
        Map<String, Long> rawSentAt = new ConcurrentHashMap<>();
        Map<String, Long> rawLatency = new ConcurrentHashMap<>();
        List<MqttAsyncClient> clients = new ArrayList<>();
        Map<String, MqttAsyncClient> watchClients = new HashMap<>();
        try {
            for (Probe p : batch) {
                String elderId = p.watch().elderId();
                MqttAsyncClient app = connect("lat-app-" + p.familyUserId(), p.familyUserId(), p.appPassword(), new Listener((topic, m) -> {
                    long now = System.nanoTime();
                    try {
                        JsonNode n = JSON.readTree(m.getPayload());
                        Long t = sentAt.get(elderId);
                        if (t != null && "SOS".equals(n.path("kind").asText()) && elderId.equals(n.path("elderId").asText())) {
                            alertLatency.putIfAbsent(elderId, (now - t) / 1_000_000);
                        }
                    } catch (IOException e) {
                        log("unreadable notification: %s", e.getMessage());
                    }
                }));
                app.subscribe("eldercare/v1/users/" + p.familyUserId() + "/notifications", 1).waitForCompletion(10_000);
                clients.add(app);
                MqttAsyncClient watch = connect(p.watch().deviceId(), p.watch().deviceId(), p.watch().secret(), new Listener(null));
                clients.add(watch);
                watchClients.put(elderId, watch);
            }
            String rawTopic = "eldercare/bench/latency-raw/" + run;
            MqttAsyncClient rawSub = connect("lat-raw-sub-" + run + "-" + rate, "platform", "platform-dev-secret", new Listener((topic, m) -> {
                long now = System.nanoTime();
                String key = new String(m.getPayload(), 7, 36, StandardCharsets.UTF_8);
                Long t = rawSentAt.get(key);
                if (t != null) {
                    rawLatency.putIfAbsent(key, (now - t) / 1_000_000);
                }
            }));
            rawSub.subscribe(rawTopic, 1).waitForCompletion(10_000);
            clients.add(rawSub);
            MqttAsyncClient rawPub = connect("lat-raw-pub-" + run + "-" + rate, "platform", "platform-dev-secret", new Listener(null));
            clients.add(rawPub);
            log("%s: %d family apps and watches connected", name, batch.size());

            AtomicBoolean stop = new AtomicBoolean();
            double[] offered = new double[1];
            Thread bg = null;
            List<MqttAsyncClient> fleet = new ArrayList<>();
            if (rate > 0) {
                ExecutorService connector = Executors.newFixedThreadPool(16);
                List<Future<MqttAsyncClient>> connecting = new ArrayList<>();
                for (Watch w : background) {
                    connecting.add(connector.submit(() -> connect(w.deviceId(), w.deviceId(), w.secret(), new Listener(null))));
                }
                for (Future<MqttAsyncClient> f : connecting) {
                    fleet.add(f.get());
                }
                connector.shutdown();
                clients.addAll(fleet);
                bg = new Thread(() -> offered[0] = publishBackground(fleet, background, rate, stop), "background");
                bg.start();
                Thread.sleep(3000); // let the background load reach its steady state before the first probe
            }
            String load0 = loadAvg();
            long next = System.nanoTime();
            for (Probe p : batch) {
                next += intervalMs * 1_000_000L;
                String elderId = p.watch().elderId();
                String id = UUID.randomUUID().toString();
                long ts = System.currentTimeMillis();
                String payload = "{\"id\":\"" + id + "\",\"ts\":" + ts + ",\"type\":\"SOS\",\"loc\":{\"lat\":39.94,\"lon\":116.1,\"acc\":15}}";
                MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                sentAt.put(elderId, System.nanoTime());
                watchClients.get(elderId).publish("eldercare/v1/devices/" + p.watch().deviceId() + "/events", m);
                // baseline: same size, same QoS, one hop through the broker
                MqttMessage raw = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
                raw.setQos(1);
                rawSentAt.put(id, System.nanoTime());
                rawPub.publish(rawTopic, raw);
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
            long waitStart = System.nanoTime();
            while ((alertLatency.size() < batch.size() || rawLatency.size() < batch.size())
                    && (System.nanoTime() - waitStart) / 1_000_000 < LOST_AFTER_MS) {
                Thread.sleep(50);
            }
            String load1 = loadAvg();
            stop.set(true);
            if (bg != null) {
                bg.join();
            }
            // a probe counts only if it arrived within LOST_AFTER_MS of its send
            long[] a = alertLatency.values().stream().mapToLong(Long::longValue).filter(x -> x <= LOST_AFTER_MS).sorted().toArray();
            long[] r = rawLatency.values().stream().mapToLong(Long::longValue).filter(x -> x <= LOST_AFTER_MS).sorted().toArray();
            Phase ph = new Phase(rate, offered[0], a, batch.size() - a.length, r, batch.size() - r.length, load0 + " / " + load1);
            log("%s: background %.0f msg/s; SOS->app %d of %d, p50 %d p90 %d p99 %d max %d ms; broker round trip p50 %d p99 %d ms; load %s",
                    name, offered[0], a.length, batch.size(), pct(a, 50), pct(a, 90), pct(a, 99), max(a), pct(r, 50), pct(r, 99), ph.loadAvg());
            return ph;
        } finally {
            // in parallel: one by one, hundreds of clients each waiting for its DISCONNECT took minutes
            ExecutorService closer = Executors.newFixedThreadPool(32);
            for (MqttAsyncClient c : clients) {
                closer.submit(() -> {
                    try {
                        c.disconnectForcibly(0, 500, false);
                        c.close(true);
                    } catch (MqttException ignored) {
                        // end of the phase: a client that will not close is dropped with the process
                    }
                });
            }
            closer.shutdown();
            closer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            if (rate > 0) {
                Thread.sleep(3000); // let the gateway drain part of the backlog before the next phase
            }
        }
    }

    /** Telemetry round-robin over the background watches at {@code rate} msg/s; answers the achieved rate. */
    private double publishBackground(List<MqttAsyncClient> fleet, List<Watch> watches, int rate, AtomicBoolean stop) {
        long start = System.nanoTime();
        long n = 0;
        long[] counters = new long[fleet.size()];
        int i = 0;
        while (!stop.get()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            if (n >= due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            String id = watches.get(i).deviceId();
            String payload = "{\"id\":\"" + id + "-" + (counters[i]++) + "\",\"ts\":" + System.currentTimeMillis()
                    + ",\"hr\":" + (60 + (n % 40)) + ",\"spo2\":97,\"steps\":" + (counters[i] % 20_000)
                    + ",\"battery\":80,\"worn\":true,\"loc\":{\"lat\":39.94,\"lon\":116.1,\"acc\":15}}";
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(backgroundQos);
            try {
                fleet.get(i).publish("eldercare/v1/devices/" + id + "/telemetry", m);
                n++;
            } catch (MqttException e) {
                // this client's in-flight window is full: the next one takes the message
            }
            i = (i + 1) % fleet.size();
        }
        return n / secondsSince(start);
    }

    // ------------------------------------------------------------------ plumbing

    private interface Handler {
        void on(String topic, MqttMessage m);
    }

    private record Listener(Handler handler) implements MqttCallback {
        public void connectionLost(Throwable cause) {
            log("a client lost its connection: %s", cause);
        }

        public void messageArrived(String topic, MqttMessage message) {
            if (handler != null) {
                handler.on(topic, message);
            }
        }

        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    private MqttAsyncClient connect(String clientId, String user, String password, MqttCallback cb) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        c.setCallback(cb);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        o.setKeepAliveInterval(60);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private JsonNode send(String method, String url, String token, Object body, int... ok) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int code : ok) {
            if (r.statusCode() == code) {
                return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            }
        }
        throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
    }

    private static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private void summarize(List<Phase> phases) throws IOException {
        List<String> report = new ArrayList<>();
        report.add("Run " + Instant.now() + " (" + Runtime.getRuntime().availableProcessors() + " cores), " + probes
                + " SOS probes per phase every " + intervalMs + " ms, one fresh elder each; " + backgroundWatches
                + " background watches, telemetry QoS " + backgroundQos + "; lost = no notification within " + LOST_AFTER_MS / 1000 + " s.");
        report.add("");
        report.add("| background target msg/s | achieved | SOS -> family app: arrived / lost | p50 | p90 | p99 | max | broker round trip (baseline) p50 / p90 / p99 / max, lost | load avg start / end |");
        report.add("|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            report.add(String.format(Locale.ROOT, "| %,d | %,.0f | %d / %d | %d ms | %d ms | %d ms | %d ms | %d / %d / %d / %d ms, %d | %s |",
                    p.rate(), p.offered(), p.alertMs().length, p.lost(), pct(p.alertMs(), 50), pct(p.alertMs(), 90),
                    pct(p.alertMs(), 99), max(p.alertMs()), pct(p.rawMs(), 50), pct(p.rawMs(), 90), pct(p.rawMs(), 99),
                    max(p.rawMs()), p.rawLost(), p.loadAvg()));
        }
        String text = String.join("\n", report) + "\n";
        System.out.println();
        System.out.println(text);
        String out = args.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), text);
        }
    }

    private static void log(String format, Object... values) {
        System.out.printf(Locale.ROOT, "[latency] " + format + "%n", values);
    }
}
