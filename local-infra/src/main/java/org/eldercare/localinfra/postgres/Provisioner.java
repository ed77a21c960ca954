package org.eldercare.localinfra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Creates the platform's login role and databases on any PostgreSQL it can reach as an admin, over
 * JDBC: the same thing {@code scripts/infra.sh} does with psql, for machines that have no psql.
 * Idempotent: an existing role gets its password reset, existing databases are left as they are.
 */
public final class Provisioner {

    private static final Logger LOG = Logger.getLogger(Provisioner.class.getName());

    private Provisioner() {
    }

    public static void provision(String host, int port, String adminUser, String adminPassword,
            String role, String rolePassword, List<String> databases, Duration waitForServer) throws SQLException {
        try (Connection admin = connect(host, port, "postgres", adminUser, adminPassword, waitForServer);
                Statement statement = admin.createStatement()) {
            if (exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                statement.execute("ALTER ROLE " + identifier(role) + " LOGIN PASSWORD " + literal(rolePassword));
            } else {
                LOG.info("creating role " + role);
                statement.execute("CREATE ROLE " + identifier(role) + " LOGIN PASSWORD " + literal(rolePassword));
            }
            for (String database : databases) {
                if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    LOG.info("creating database " + database);
                    statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(role));
                }
            }
        }
    }

    /** Connects, retrying while the server is still starting up (it refuses connections for a moment). */
    public static Connection connect(String host, int port, String database, String user, String password,
            Duration waitForServer) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        long deadline = System.nanoTime() + waitForServer.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url, props);
            } catch (SQLException e) {
                boolean transientState = "57P03".equals(e.getSQLState()) || "08001".equals(e.getSQLState())
                        || "08006".equals(e.getSQLState());
                if (!transientState || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
