package org.eldercare.console.browser;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A platform module run from its packaged jar as a process, as in production. Started without
 * waiting, so that all of them boot side by side; {@link #awaitReady} then waits for each.
 */
final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ServiceJar(String module, int port, Map<String, String> env) {
        this.module = module;
        this.port = port;
        this.env = env;
        this.log = Path.of("target", "browser-it-logs", module + ".log");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ServiceJar start() throws IOException {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the platform first (./mvnw verify builds it)");
        }
        try (Socket taken = new Socket("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " for " + module + " is already taken: stop what listens there");
        } catch (ConnectException free) {
            // nothing listens there: ours to use
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** Waits until /q/health/ready answers 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
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

    /** The MQTT client ids the service's readiness check names, to discard their sessions afterwards. */
    Set<String> mqttClientIds() {
        Set<String> ids = new TreeSet<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"(" + module + "-[A-Za-z0-9_-]+)\"\\s*:").matcher(r.body());
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

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
