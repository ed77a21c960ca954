package org.eldercare.localinfra;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the embedded servers are told through the environment, with the same variable names
 * and defaults as {@code scripts/infra.sh}, so that the fallback is a drop-in for the real servers.
 */
public record Settings(
        Path stateDir,
        String dbHost,
        int dbPort,
        String dbUser,
        String dbPassword,
        String pgAdminUser,
        String pgAdminPassword,
        List<String> databases,
        String mqttBind,
        int mqttPort,
        String mqttServiceUser,
        String mqttServicePassword,
        URI brokerAuthUrl,
        String brokerAuthSecret) {

    public static final List<String> DATABASES = List.of("eldercare", "eldercare_test");

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                Path.of(env.getOrDefault("ELDERCARE_STATE_DIR", ".infra")).toAbsolutePath().normalize(),
                env.getOrDefault("ELDERCARE_DB_HOST", "127.0.0.1"),
                port(env, "ELDERCARE_DB_PORT", 5432),
                env.getOrDefault("ELDERCARE_DB_USER", "eldercare"),
                env.getOrDefault("ELDERCARE_DB_PASSWORD", "eldercare"),
                env.getOrDefault("PG_ADMIN_USER", "postgres"),
                env.getOrDefault("PG_ADMIN_PASSWORD", ""),
                DATABASES,
                env.getOrDefault("MQTT_BIND", "0.0.0.0"),
                port(env, "MQTT_PORT", 1884),
                env.getOrDefault("MQTT_SERVICE_USER", "platform"),
                env.getOrDefault("MQTT_SERVICE_PASSWORD", "platform-dev-secret"),
                URI.create(env.getOrDefault("ELDERCARE_BROKER_AUTH_URL", "http://127.0.0.1:8081")),
                env.getOrDefault("ELDERCARE_BROKER_AUTH_SECRET", ""));
    }

    public Path postgresDataDir() {
        return stateDir.resolve("embedded-postgres");
    }

    public Path mqttDataDir() {
        return stateDir.resolve("embedded-mqtt");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a TCP port, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a TCP port, was " + value, e);
        }
    }
}
