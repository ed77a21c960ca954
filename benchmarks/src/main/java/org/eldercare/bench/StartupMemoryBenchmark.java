package org.eldercare.bench;

import com.sun.net.httpserver.HttpServer;
import org.eldercare.devtokens.DevTokens;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each service's start-up time (process launch to {@code /q/health/ready} answering 200: database
 * migrated and reachable, broker connections up) and resident memory (RSS) idle and under light
 * load, measured by launching the packaged jars one at a time with the heap limit {@code scripts/run.sh}
 * gives them. Baseline in the same run: a minimal JVM that starts the JDK's HTTP server and answers
 * a readiness path, launched the same way ({@link MinimalJvm}).
 *
 * <pre>--starts 3 --heap 384m --idle-seconds 10 --load-seconds 30 --rps 20 --db eldercare_bench_mem --out FILE</pre>
 */
public final class StartupMemoryBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A service to measure: its module, port variable, port, an API path for light load, extra environment. */
    private record Service(String module, String portVar, int port, String loadPath, Map<String, String> env) {
    }

    private record Sample(long readyMs, long idleRssKb, long loadRssKb, int ok, int failed) {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            opt.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        int starts = Integer.parseInt(opt.getOrDefault("starts", "3"));
        String token = DevTokens.mint("platform-services", "service");
        List<Service> services = List.of(
                new Service("device-gateway", "GATEWAY_PORT", 28781, "/api/devices?size=20", Map.of()),
                new Service("visit-service", "VISIT_PORT", 28783, "/api/elders", Map.of()),
                new Service("alert-service", "ALERT_PORT", 28782, "/api/alerts?limit=20",
                        Map.of("VISIT_SERVICE_URL", "http://127.0.0.1:1")),
                new Service("bed-registry", "BED_REGISTRY_PORT", 28784, "/api/facilities", Map.of("ELDERCARE_SEED", "false")),
                new Service("station-ops", "STATION_OPS_PORT", 28785, "/api/subsidy-rules",
                        Map.of("BED_REGISTRY_URL", "http://127.0.0.1:1", "BED_REGISTRY_TOKEN", token)));
        List<String> report = new ArrayList<>();
        report.add("| process | start to ready, median (min-max) of " + starts + " | RSS idle | RSS under light load | requests ok/failed |");
        report.add("|---|---|---|---|---|");
        String only = opt.get("only");
        List<Sample> baseline = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            baseline.add(measure(opt, "minimal JVM (JDK HTTP server)", List.of("-cp", System.getProperty("java.class.path"),
                    MinimalJvm.class.getName(), "28780"), Map.of(), 28780, "/ready"));
        }
        report.add(line("baseline: minimal JVM, JDK HTTP server", baseline));
        for (Service s : services) {
            if (only != null && !only.contains(s.module())) {
                continue;
            }
            Path jar = Path.of(opt.getOrDefault("apps", "."), s.module(), "quarkus-run.jar");
            Map<String, String> env = new HashMap<>(s.env());
            env.put(s.portVar(), "" + s.port());
            env.put("INSTANCE_ID", "mem-bench");
            env.put("ELDERCARE_MQTT_SHARE_GROUP_SUFFIX", "-mem-bench");
            env.put("ELDERCARE_DB_NAME", opt.getOrDefault("db", "eldercare_bench_mem"));
            env.put("HTTP_HOST", "127.0.0.1");
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                samples.add(measure(opt, s.module(), List.of("-jar", jar.toString()), env, s.port(), s.loadPath()));
            }
            report.add(line(s.module(), samples));
        }
        report.forEach(System.out::println);
        if (opt.containsKey("out")) {
            Files.write(Path.of(opt.get("out")), report);
        }
    }

    private static Sample measure(Map<String, String> opt, String name, List<String> args, Map<String, String> env, int port,
                                  String loadPath) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + opt.getOrDefault("heap", "384m")));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(opt.getOrDefault("logs", "."), name.split(" ")[0] + ".log").toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            String bearer = "Bearer " + DevTokens.mint("bench-bureau", "bureau");
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + p.exitValue());
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(180)) {
                    throw new IllegalStateException(name + " not ready in 180 s");
                }
                if (status(port, loadPath.equals("/ready") ? "/ready" : "/q/health/ready", null) == 200) {
                    break;
                }
                Thread.sleep(50);
            }
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(Long.parseLong(opt.getOrDefault("idle-seconds", "10")) * 1000);
            long idle = rssKb(p.pid());
            int rps = Integer.parseInt(opt.getOrDefault("rps", "20"));
            long loadUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(opt.getOrDefault("load-seconds", "30")));
            int ok = 0;
            int failed = 0;
            long next = System.nanoTime();
            while (System.nanoTime() < loadUntil) {
                int code = status(port, loadPath, bearer);
                if (code / 100 == 2) {
                    ok++;
                } else {
                    failed++;
                }
                next += 1_000_000_000L / rps;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long load = rssKb(p.pid());
            System.out.printf(Locale.ROOT, "[startup] %-32s ready in %5d ms, RSS idle %4d MB, under load %4d MB (%d ok, %d failed)%n",
                    name, readyMs, idle / 1024, load / 1024, ok, failed);
            return new Sample(readyMs, idle, load, ok, failed);
        } finally {
            List<String> sessions = sessionsOf(port);
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            discard(opt, sessions);
        }
    }

    /** The broker client ids the service's readiness check names (it holds persistent sessions under them). */
    private static List<String> sessionsOf(int port) {
        List<String> ids = new ArrayList<>();
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([a-z-]+-mem-bench[A-Za-z0-9_-]*)\"").matcher(body);
            while (m.find()) {
                ids.add(m.group(1));
            }
        } catch (IOException | InterruptedException e) {
            // nothing to discard
        }
        return ids;
    }

    /** Left on the broker, a benchmark's persistent sessions would queue messages for nobody. */
    private static void discard(Map<String, String> opt, List<String> ids) {
        for (String id : ids) {
            try {
                var c = new org.eclipse.paho.client.mqttv3.MqttClient(opt.getOrDefault("broker", "tcp://127.0.0.1:1884"), id,
                        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
                var o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
                o.setUserName("platform");
                o.setPassword(opt.getOrDefault("mqtt-password", "platform-dev-secret").toCharArray());
                o.setCleanSession(true);
                c.connect(o);
                c.disconnect();
                c.close();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // the broker forgets it later
            }
        }
    }

    private static int status(int port, String path, String bearer) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
            if (bearer != null) {
                b.header("Authorization", bearer);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static String line(String name, List<Sample> samples) {
        List<Long> ready = new ArrayList<>(samples.stream().map(Sample::readyMs).toList());
        Collections.sort(ready);
        List<Long> idle = new ArrayList<>(samples.stream().map(Sample::idleRssKb).toList());
        Collections.sort(idle);
        List<Long> load = new ArrayList<>(samples.stream().map(Sample::loadRssKb).toList());
        Collections.sort(load);
        int ok = samples.stream().mapToInt(Sample::ok).sum();
        int failed = samples.stream().mapToInt(Sample::failed).sum();
        return String.format(Locale.ROOT, "| %s | %.2f s (%.2f-%.2f) | %d MB | %d MB | %d/%d |", name, ready.get((ready.size() - 1) / 2) / 1000.0,
                ready.get(0) / 1000.0, ready.get(ready.size() - 1) / 1000.0, idle.get((idle.size() - 1) / 2) / 1024,
                load.get((load.size() - 1) / 2) / 1024, ok, failed);
    }

    /** The baseline process: a JVM that answers 200 on /ready as soon as it listens, and nothing else. */
    public static final class MinimalJvm {
        public static void main(String[] args) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
            server.createContext("/ready", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }
    }
}
