package org.eldercare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.eldercare.bench.BenchFleet.secondsSince;

/**
 * Ingest throughput of device-gateway through the real broker, beside the broker's own raw
 * throughput measured in the same run.
 *
 * <ol>
 *   <li>Provisions N watches through the gateway's CSV import and binds each to an elder.</li>
 *   <li><b>raw</b>: the same N connections' worth of telemetry, published at full speed by N clients
 *       on a topic the gateway does not read, drained by one plain QoS 1 subscriber: what the broker
 *       alone delivers on this machine.</li>
 *   <li><b>target</b>: the watches publish telemetry (QoS 1) at the target rate; the gateway's
 *       persisted count ({@code eldercare_gateway_accepted_total{kind="telemetry"}}) is sampled
 *       each second; end-to-end lag = arrival of the VITALS event (published only after the batch
 *       committed) minus the sample's send time, on a subset of elders.</li>
 *   <li><b>max</b>: the watches publish at full speed; the persisted rate is the gateway's ceiling.</li>
 * </ol>
 * Arguments: {@code --devices 500 --rate 20000 --seconds 30 --gateway http://127.0.0.1:18081
 * --broker tcp://127.0.0.1:1884 --gateway-pid <pid> --out <file.md>}.
 */
public final class IngestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCEPTED = Pattern.compile(
            "eldercare_gateway_accepted_total\\{[^}]*kind=\"telemetry\"[^}]*} ([0-9.E+-]+)");
    private static final Pattern REJECTED = Pattern.compile("eldercare_gateway_rejected_total\\{[^}]*} ([0-9.E+-]+)");
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+-]+)");
    private static final int LAG_ELDERS = 20;

    private final Map<String, String> args;
    private final Map<String, String> insides = new java.util.LinkedHashMap<>();
    private final int devices;
    private final int rate;
    private final int seconds;
    private final String gateway;
    private final String broker;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = DevTokens.mint("ingest-benchmark", "device-admin");
    private final List<String> report = new ArrayList<>();

    private IngestBenchmark(Map<String, String> args) {
        this.args = args;
        this.devices = Integer.parseInt(args.getOrDefault("devices", "500"));
        this.rate = Integer.parseInt(args.getOrDefault("rate", "20000"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        this.gateway = args.getOrDefault("gateway", "http://127.0.0.1:18081");
        this.broker = args.getOrDefault("broker", "tcp://127.0.0.1:1884");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new IngestBenchmark(args).run();
    }

    private void run() throws Exception {
        log("run %s: %d watches, target %d msg/s, %d s per phase, gateway %s, broker %s", run, devices, rate, seconds,
                gateway, broker);
        List<Watch> watches = provision();
        Result raw = rawBroker(watches);
        Result target = gatewayPhase("target", watches, rate);
        // --max false skips the full-speed phase (its drain may take minutes on a busy machine)
        Result max = Boolean.parseBoolean(args.getOrDefault("max", "true")) ? gatewayPhase("max", watches, 0) : null;
        summarize(raw, target, max);
    }

    // ------------------------------------------------------------------ provisioning

    private List<Watch> provision() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<Watch> out = BenchFleet.provision(http, gateway, token, "bench-" + run + "-", "bench-elder-" + run + "-",
                devices, Duration.ofMinutes(10));
        log("provisioned and bound %d watches in %.1f s (CSV import, broker accounts included)", out.size(), secondsSince(t0));
        return out;
    }

    // ------------------------------------------------------------------ publishing

    /** N connected publishers sending telemetry round-robin at {@code rate} (0 = as fast as they can). */
    private final class Fleet implements AutoCloseable {
        final List<MqttAsyncClient> clients = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Fleet(List<Watch> watches, boolean raw) throws MqttException {
            for (Watch w : watches) {
                String clientId = raw ? "bench-raw-pub-" + w.deviceId() : w.deviceId();
                MqttAsyncClient c = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setUserName(raw ? "platform" : w.deviceId());
                o.setPassword((raw ? "platform-dev-secret" : w.secret()).toCharArray());
                o.setCleanSession(true);
                o.setMaxInflight(1000);
                o.setKeepAliveInterval(60);
                c.connect(o).waitForCompletion(10_000);
                clients.add(c);
                topics.add(raw ? "eldercare/bench/raw/" + w.deviceId() + "/telemetry"
                        : "eldercare/v1/devices/" + w.deviceId() + "/telemetry");
                ids.add(w.deviceId());
            }
        }

        /** Publishes for {@code seconds}; answers the achieved send rate. */
        double publish(int perSecond, int seconds) {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long[] counters = new long[clients.size()];
            long n = 0;
            int i = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (perSecond > 0) {
                    long due = (long) ((now - start) / 1e9 * perSecond);
                    if (n >= due) {
                        LockSupport.parkNanos(200_000);
                        continue;
                    }
                }
                MqttAsyncClient c = clients.get(i);
                String payload = "{\"id\":\"" + ids.get(i) + "-" + (counters[i]++) + "\",\"ts\":" + System.currentTimeMillis()
                        + ",\"hr\":" + (60 + (n % 40)) + ",\"spo2\":97,\"steps\":" + (counters[i] % 20_000) + ",\"battery\":80,\"worn\":true,"
                        + "\"loc\":{\"lat\":39.94,\"lon\":116.1,\"acc\":15}}";
                MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                try {
                    c.publish(topics.get(i), m);
                    sent.incrementAndGet();
                    n++;
                } catch (MqttException e) {
                    // in-flight window of this client full: try the next one
                    if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                        failed.incrementAndGet();
                    }
                }
                i = (i + 1) % clients.size();
            }
            return n / secondsSince(start);
        }

        @Override
        public void close() {
            for (MqttAsyncClient c : clients) {
                try {
                    c.disconnect().waitForCompletion(5_000);
                    c.close();
                } catch (MqttException ignored) {
                    // closing at the end of a phase: nothing to do about it
                }
            }
        }
    }

    private record Result(String phase, double offered, double delivered, double drainSeconds, long[] lagMs,
                          double heapMb, double rssMb, long count, String load) {
    }

    // ------------------------------------------------------------------ phases

    private Result rawBroker(List<Watch> watches) throws Exception {
        String loadAtStart = loadAvg();
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong(), lastAt = new AtomicLong();
        MqttClient sub = new MqttClient(broker, "bench-raw-sub-" + run, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("platform");
        o.setPassword("platform-dev-secret".toCharArray());
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        sub.setCallback(new MqttCallback() {
            public void connectionLost(Throwable cause) {
                log("raw subscriber lost its connection: %s", cause);
            }

            public void messageArrived(String topic, MqttMessage message) {
                long now = System.nanoTime();
                firstAt.compareAndSet(0, now);
                lastAt.set(now);
                received.incrementAndGet();
            }

            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        sub.connect(o);
        sub.subscribe("eldercare/bench/raw/#", 1);
        double offered;
        try (Fleet fleet = new Fleet(watches, true)) {
            offered = fleet.publish(0, seconds);
            long sent = fleet.sent.get();
            long t = System.nanoTime();
            while (received.get() < sent && secondsSince(t) < 60) {
                Thread.sleep(100);
            }
            double drain = secondsSince(t);
            double delivered = received.get() / ((lastAt.get() - firstAt.get()) / 1e9);
            sub.disconnect();
            sub.close();
            log("raw broker: offered %.0f msg/s, subscriber drained %.0f msg/s (%d of %d)", offered, delivered,
                    received.get(), sent);
            return new Result("raw broker (plain subscriber)", offered, delivered, drain, new long[0], 0, 0, received.get(),
                    loadAtStart + " / " + loadAvg());
        }
    }

    private Result gatewayPhase(String phase, List<Watch> watches, int perSecond) throws Exception {
        String loadAtStart = loadAvg();
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        MqttClient lagClient = new MqttClient(broker, "bench-lag-" + run + "-" + phase, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("platform");
        o.setPassword("platform-dev-secret".toCharArray());
        o.setCleanSession(true);
        lagClient.connect(o);
        Pattern ts = Pattern.compile("\"ts\":(\\d+)");
        java.util.Set<String> lagElders = new java.util.HashSet<>();
        for (int i = 0; i < Math.min(LAG_ELDERS, watches.size()); i++) {
            lagElders.add(watches.get(i).elderId());
            // One VITALS event per sample (GATEWAY_VITALS_PER_BATCH=false)
            lagClient.subscribe(Topics.event(PlatformEventType.VITALS, watches.get(i).elderId()), 0, (t, m) -> {
                Matcher x = ts.matcher(new String(m.getPayload(), StandardCharsets.UTF_8));
                if (x.find()) {
                    lags.add(System.currentTimeMillis() - Long.parseLong(x.group(1)));
                }
            });
        }
        // The default: the VITALS of a stored batch in one message; the same elders' events in it count
        Pattern event = Pattern.compile("\"elderId\":\"([^\"]+)\"[^}]*?\"ts\":(\\d+)");
        lagClient.subscribe(Topics.VITALS + "#", 0, (t, m) -> {
            long now = System.currentTimeMillis();
            Matcher x = event.matcher(new String(m.getPayload(), StandardCharsets.UTF_8));
            while (x.find()) {
                if (lagElders.contains(x.group(1))) {
                    lags.add(now - Long.parseLong(x.group(2)));
                }
            }
        });
        double before = accepted();
        double rejectedBefore = metric(REJECTED);
        double[] timingsBefore = timings();
        double heapPeak = 0;
        double rssPeak = 0;
        double offered;
        long sent;
        Thread sampler;
        double[] peaks = new double[2];
        try (Fleet fleet = new Fleet(watches, false)) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peaks[0] = Math.max(peaks[0], heapMb());
                    peaks[1] = Math.max(peaks[1], rssMb());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            offered = fleet.publish(perSecond, seconds);
            sent = fleet.sent.get();
            double atEnd = accepted() - before;
            long t = System.nanoTime();
            double persisted = atEnd;
            while (persisted < sent && secondsSince(t) < 120) {
                Thread.sleep(200);
                persisted = accepted() - before;
            }
            double drain = secondsSince(t);
            double total = secondsSince(start);
            sampler.interrupt();
            heapPeak = peaks[0];
            rssPeak = peaks[1];
            lagClient.disconnect();
            lagClient.close();
            double rejected = metric(REJECTED) - rejectedBefore;
            if (rejected > 0) {
                log("WARNING: the gateway rejected %.0f benchmark messages; see /api/quarantine/summary", rejected);
            }
            long[] lagArr = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            double[] tm = timings();
            for (int i = 0; i < tm.length; i++) {
                tm[i] -= timingsBefore[i];
            }
            // Where the time goes inside the gateway, from its own timers
            String inside = String.format(Locale.ROOT, "%.0f telemetry batches of %.0f rows on average, %.1f ms each in the"
                            + " database; %.0f VitalsBatch publications, %.1f ms each to the PUBACK",
                    tm[1], tm[1] > 0 ? tm[0] / tm[1] : 0, tm[3] > 0 ? 1000 * tm[2] / tm[3] : 0, tm[5],
                    tm[5] > 0 ? 1000 * tm[4] / tm[5] : 0);
            log("gateway %s: %s", phase, inside);
            insides.put(phase, inside);
            double rateAll = persisted / total;
            log("gateway %s: offered %.0f msg/s; persisted %.0f of %d (%.0f msg/s over publish+drain, %.0f msg/s while publishing);"
                            + " drain %.1f s; lag p50 %d ms p99 %d ms; heap peak %.0f MB, RSS peak %.0f MB",
                    phase, offered, persisted, sent, rateAll, atEnd / seconds, drain, pct(lagArr, 50), pct(lagArr, 99),
                    heapPeak, rssPeak);
            return new Result("gateway, " + phase + (perSecond > 0 ? " " + perSecond + " msg/s" : " (full speed)"),
                    offered, rateAll, drain, lagArr, heapPeak, rssPeak, (long) persisted, loadAtStart + " / " + loadAvg());
        }
    }

    // ------------------------------------------------------------------ measurements

    private double accepted() {
        return metric(ACCEPTED);
    }

    private double heapMb() {
        return metric(HEAP) / 1e6;
    }

    private double metric(Pattern p) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            Matcher m = p.matcher(r.body());
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static final Pattern[] TIMINGS = {
            Pattern.compile("eldercare_gateway_batch_size_sum\\{[^}]*kind=\"telemetry\"[^}]*} ([0-9.E+-]+)"),
            Pattern.compile("eldercare_gateway_batch_size_count\\{[^}]*kind=\"telemetry\"[^}]*} ([0-9.E+-]+)"),
            Pattern.compile("eldercare_gateway_batch_write_seconds_sum\\{[^}]*kind=\"telemetry\"[^}]*} ([0-9.E+-]+)"),
            Pattern.compile("eldercare_gateway_batch_write_seconds_count\\{[^}]*kind=\"telemetry\"[^}]*} ([0-9.E+-]+)"),
            Pattern.compile("eldercare_gateway_vitals_publish_seconds_sum(?:\\{[^}]*})? ([0-9.E+-]+)"),
            Pattern.compile("eldercare_gateway_vitals_publish_seconds_count(?:\\{[^}]*})? ([0-9.E+-]+)")};

    /** Sums and counts of the gateway's batch-size, batch-write and vitals-publication meters. */
    private double[] timings() {
        double[] out = new double[TIMINGS.length];
        for (int i = 0; i < TIMINGS.length; i++) {
            out[i] = metric(TIMINGS[i]);
        }
        return out;
    }

    private double rssMb() {
        String pid = args.get("gateway-pid");
        if (pid == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private void summarize(Result raw, Result target, Result max) throws IOException {
        report.add("Run " + Instant.now() + " (" + Runtime.getRuntime().availableProcessors() + " cores), " + devices
                + " watches, " + seconds + " s per phase, telemetry QoS 1.");
        report.add("");
        report.add("| phase | offered msg/s | delivered / persisted msg/s | drain after publishing | lag p50 / p95 / p99 / max | gateway heap peak | gateway RSS peak | load avg start / end |");
        report.add("|---|---|---|---|---|---|---|---|");
        for (Result r : max == null ? List.of(raw, target) : List.of(raw, target, max)) {
            String lag = r.lagMs().length == 0 ? "-" : String.format(Locale.ROOT, "%d / %d / %d / %d ms (%d samples)",
                    pct(r.lagMs(), 50), pct(r.lagMs(), 95), pct(r.lagMs(), 99), r.lagMs()[r.lagMs().length - 1], r.lagMs().length);
            report.add(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f s | %s | %s | %s | %s |", r.phase(), r.offered(),
                    r.delivered(), r.drainSeconds(), lag, r.heapMb() > 0 ? String.format(Locale.ROOT, "%.0f MB", r.heapMb()) : "-",
                    r.rssMb() > 0 ? String.format(Locale.ROOT, "%.0f MB", r.rssMb()) : "-", r.load()));
        }
        report.add("");
        insides.forEach((phase, inside) -> report.add("Inside the gateway, " + phase + ": " + inside + "."));
        report.add(String.format(Locale.ROOT, "Gateway target phase / raw broker: %.0f%%.", 100 * target.delivered() / raw.delivered()));
        if (max != null) {
            report.add(String.format(Locale.ROOT, "Gateway at full speed / raw broker: %.0f%%.", 100 * max.delivered() / raw.delivered()));
        }
        String text = String.join("\n", report) + "\n";
        System.out.println();
        System.out.println(text);
        String out = args.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), text);
        }
    }

    /** The machine's 1-minute load average: the machine is shared, so every figure carries it. */
    private static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void log(String format, Object... values) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", values);
    }

    @SuppressWarnings("unused")
    private static String join(long[] a) {
        return Arrays.toString(a);
    }
}
