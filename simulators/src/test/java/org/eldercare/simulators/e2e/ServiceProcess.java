package org.eldercare.simulators.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One platform service run as a real process from its packaged jar, the way it runs in production,
 * so that tests can kill it mid-flight and start it again. Shared with other modules' process-level
 * tests (the console's browser tests) through this module's test jar.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    /** {@code module}: the module directory beside this one whose {@code target/quarkus-app} is run. */
    public ServiceProcess(String module, int port, Map<String, String> env) {
        this.module = module;
        this.port = port;
        this.env = env;
        this.log = Path.of("target", "service-logs", module + ".log");
    }

    /** The same service with more environment (e.g. shorter detection windows for a scenario run). */
    public ServiceProcess withEnv(Map<String, String> more) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(more);
        return new ServiceProcess(module, port, merged);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the service and waits until it is ready (90 s at most). */
    public ServiceProcess start() throws IOException, InterruptedException {
        launch();
        try {
            awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            kill();
            throw e;
        }
        return this;
    }

    /** Starts the service without waiting, so that several boot side by side; then {@link #awaitReady} each. */
    public ServiceProcess launch() throws IOException {
        Path jar = copyOfApp().resolve("quarkus-run.jar");
        try (java.net.Socket taken = new java.net.Socket("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " for " + module + " is already taken: stop what listens there");
        } catch (java.net.ConnectException free) {
            // nothing listens there: ours to use
        }
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    private static final java.util.Map<String, Path> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The packaged application, copied once per test run: a service runs from its copy, so a
     * rebuild of the module while the tests run (the jar rewritten under a running process leaves it
     * hanging in class loading) cannot disturb it.
     */
    private Path copyOfApp() throws IOException {
        Path app = Path.of("..", module, "target", "quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app.resolve("quarkus-run.jar") + " is missing: package the services first (mvn verify builds them)");
        }
        try {
            return COPIES.computeIfAbsent(module, m -> {
                Path copy = Path.of("target", "service-apps", m);
                try {
                    if (Files.exists(copy)) {
                        try (var old = Files.walk(copy)) {
                            old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    }
                    try (var files = Files.walk(app)) {
                        for (Path from : (Iterable<Path>) files::iterator) {
                            Path to = copy.resolve(app.relativize(from).toString());
                            if (Files.isDirectory(from)) {
                                Files.createDirectories(to);
                            } else {
                                Files.copy(from, to);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return copy;
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Waits until /q/health/ready answers UP: database reachable and every broker connection up. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        String[] last = {"no answer"};
        try {
            org.awaitility.Awaitility.await(module + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
                }
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    last[0] = r.body();
                    return r.statusCode() == 200;
                } catch (IOException e) {
                    last[0] = e.toString();
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(module + " not ready after " + timeout + ": " + last[0] + "; see " + log.toAbsolutePath());
        }
    }

    /**
     * The MQTT client ids the service holds sessions under, as its readiness check reports them,
     * so that the test can discard those sessions once it is done.
     */
    public java.util.Set<String> mqttClientIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(" + module + "-[A-Za-z0-9_-]+)\"\\s*:").matcher(r.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
        } catch (IOException e) {
            // not answering: nothing to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }

    /** SIGKILL: no shutdown hooks, no goodbye to the broker, work in flight is lost by the process. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public File logFile() {
        return log.toFile();
    }
}
