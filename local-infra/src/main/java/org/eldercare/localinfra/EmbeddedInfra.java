package org.eldercare.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eldercare.localinfra.mqtt.EmbeddedBroker;
import org.eldercare.localinfra.mqtt.GatewayBrokerAuth;
import org.eldercare.localinfra.postgres.EmbeddedPostgresServer;
import org.eldercare.localinfra.postgres.Provisioner;

/**
 * The JDK-only fallback behind {@code scripts/infra.sh}, run by {@code scripts/embedded-infra.sh}:
 *
 * <pre>
 *   postgres   run PostgreSQL in the foreground (data under $ELDERCARE_STATE_DIR/embedded-postgres),
 *              after creating the platform's role and databases
 *   mqtt       run the MQTT broker in the foreground (data under $ELDERCARE_STATE_DIR/embedded-mqtt)
 *   provision  create the role and databases on a reachable server as PG_ADMIN_USER/PG_ADMIN_PASSWORD
 *   stop       stop the servers whose pid files the script wrote to the state directory
 * </pre>
 */
public final class EmbeddedInfra {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfra.class.getName());
    static final List<String> SERVERS = List.of("embedded-postgres", "embedded-mqtt");

    private EmbeddedInfra() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            usage();
        }
        Settings settings = Settings.fromEnvironment(System.getenv());
        switch (args[0]) {
            case "postgres" -> runPostgres(settings);
            case "mqtt" -> runBroker(settings);
            case "provision" -> provision(settings, settings.dbHost(), settings.dbPort(), settings.pgAdminUser(),
                    settings.pgAdminPassword());
            case "stop" -> stop(settings.stateDir());
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: EmbeddedInfra postgres|mqtt|provision|stop");
        System.exit(2);
    }

    private static void runPostgres(Settings settings) throws Exception {
        Path ready = readyFile(settings.stateDir(), "embedded-postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings.postgresDataDir(), settings.dbPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                server.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e);
            }
        }, "postgres-shutdown"));
        // initdb made "postgres" the superuser, reachable without a password on loopback.
        provision(settings, "127.0.0.1", server.port(), "postgres", "");
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        LOG.info("PostgreSQL ready on 127.0.0.1:" + server.port() + ", data in " + settings.postgresDataDir());
        Thread.currentThread().join();
    }

    private static void runBroker(Settings settings) throws Exception {
        Path ready = readyFile(settings.stateDir(), "embedded-mqtt");
        GatewayBrokerAuth auth = new GatewayBrokerAuth(settings.brokerAuthUrl(), settings.mqttServiceUser(),
                settings.mqttServicePassword(), settings.brokerAuthSecret(), Duration.ofSeconds(30), Duration.ofSeconds(5));
        EmbeddedBroker broker = EmbeddedBroker.start(settings.mqttBind(), settings.mqttPort(), settings.mqttDataDir(),
                auth);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException e) {
                System.err.println("could not remove " + ready + ": " + e);
            }
            broker.close();
        }, "mqtt-shutdown"));
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        LOG.info("MQTT broker ready on " + settings.mqttBind() + ":" + broker.port() + ", data in "
                + settings.mqttDataDir() + ", device credentials checked by " + settings.brokerAuthUrl());
        Thread.currentThread().join();
    }

    /**
     * The script waits for this file, not just the port: PostgreSQL listens before the role and
     * databases exist, and a caller racing the provisioning would see them missing.
     */
    private static Path readyFile(Path stateDir, String server) throws IOException {
        Files.createDirectories(stateDir);
        Path ready = stateDir.resolve(server + ".ready");
        Files.deleteIfExists(ready);
        return ready;
    }

    private static void provision(Settings settings, String host, int port, String adminUser, String adminPassword)
            throws Exception {
        Provisioner.provision(host, port, adminUser, adminPassword, settings.dbUser(), settings.dbPassword(),
                settings.databases(), Duration.ofSeconds(30));
        LOG.info("role " + settings.dbUser() + " and databases " + settings.databases() + " ready on " + host + ":"
                + port);
    }

    /** Stops what the script started; a pid file whose process is gone or is not ours is just removed. */
    static void stop(Path stateDir) throws IOException, InterruptedException {
        for (String name : SERVERS) {
            Path pidFile = stateDir.resolve(name + ".pid");
            Optional<ProcessHandle> process = ours(pidFile);
            if (process.isPresent()) {
                ProcessHandle handle = process.get();
                handle.destroy(); // SIGTERM: the shutdown hook stops PostgreSQL / the broker cleanly
                try {
                    handle.onExit().get(60, TimeUnit.SECONDS);
                    LOG.info("stopped " + name + " (pid " + handle.pid() + ")");
                } catch (Exception timeout) {
                    LOG.warning(name + " (pid " + handle.pid() + ") did not stop within 60 s; killing it");
                    handle.destroyForcibly();
                }
            }
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(stateDir.resolve(name + ".ready"));
        }
        stopOrphanedPostmaster(stateDir.resolve("embedded-postgres"));
    }

    private static Optional<ProcessHandle> ours(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
        if (!text.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(text))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("local-infra")).orElse(false));
    }

    /** A server left behind by a JVM that was killed hard: its pid is the first line of postmaster.pid. */
    private static void stopOrphanedPostmaster(Path dataDir) {
        Path postmasterPid = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(postmasterPid)) {
                return;
            }
            String first = Files.readAllLines(postmasterPid, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (!first.strip().matches("\\d+")) {
                return;
            }
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(first.strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
            if (postmaster.isPresent()) {
                // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, then stop.
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).inheritIO().start().waitFor();
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
                LOG.info("stopped an orphaned PostgreSQL (pid " + postmaster.get().pid() + ")");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not stop the PostgreSQL recorded in " + postmasterPid, e);
        }
    }
}
