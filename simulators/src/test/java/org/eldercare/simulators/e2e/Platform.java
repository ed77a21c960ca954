package org.eldercare.simulators.e2e;

import org.eldercare.contracts.Topics;
import org.eldercare.devtokens.DevTokens;

import java.util.HashMap;
import java.util.Map;

/**
 * The services under test, started as processes from their jars on ports of their own (18081..),
 * against the test database and the real broker, with their own MQTT instance name so that their
 * persistent sessions do not mix with a running demo's or the API tests'.
 */
final class Platform {

    static final String BROKER = "tcp://" + env("MQTT_HOST", "127.0.0.1") + ":" + env("MQTT_PORT", "1884");
    static final String MQTT_USER = env("MQTT_SERVICE_USER", "platform");
    static final String MQTT_PASSWORD = env("MQTT_SERVICE_PASSWORD", "platform-dev-secret");

    static final int GATEWAY_PORT = 18081;
    static final int ALERT_PORT = 18082;
    static final int VISIT_PORT = 18083;
    static final int BED_REGISTRY_PORT = 18084;
    static final int STATION_OPS_PORT = 18085;

    /**
     * This run's own MQTT instance name and share-group suffix. A fresh name per run means fresh
     * persistent sessions: sessions left on a shared broker by earlier runs may hold a backlog of
     * other environments' traffic, which is theirs to drop, not ours to replay.
     */
    static final String RUN = "e2e" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private Platform() {
    }

    static ServiceProcess gateway() {
        return new ServiceProcess("device-gateway", GATEWAY_PORT, env(Map.of("GATEWAY_PORT", "" + GATEWAY_PORT)));
    }

    static ServiceProcess alerts() {
        return new ServiceProcess("alert-service", ALERT_PORT, env(Map.of(
                "ALERT_PORT", "" + ALERT_PORT,
                "VISIT_SERVICE_URL", "http://127.0.0.1:" + VISIT_PORT,
                "VISIT_SERVICE_TOKEN", DevTokens.mint("platform-services", "service"))));
    }

    static ServiceProcess visits() {
        return new ServiceProcess("visit-service", VISIT_PORT, env(Map.of("VISIT_PORT", "" + VISIT_PORT)));
    }

    static ServiceProcess bedRegistry() {
        return new ServiceProcess("bed-registry", BED_REGISTRY_PORT, env(Map.of("BED_REGISTRY_PORT", "" + BED_REGISTRY_PORT,
                "ELDERCARE_SEED", "false")));
    }

    static ServiceProcess stationOps() {
        return new ServiceProcess("station-ops", STATION_OPS_PORT, env(Map.of(
                "STATION_OPS_PORT", "" + STATION_OPS_PORT,
                "BED_REGISTRY_URL", "http://127.0.0.1:" + BED_REGISTRY_PORT,
                "BED_REGISTRY_TOKEN", DevTokens.mint("platform-services", "service"))));
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("ELDERCARE_DB_NAME", env("ELDERCARE_TEST_DB_NAME", "eldercare_test"));
        env.put("INSTANCE_ID", RUN);
        env.put("ELDERCARE_MQTT_SHARE_GROUP_SUFFIX", "-" + RUN);
        // This test JVM's environment (failsafe sets it): internal topics apart from a demo's and the API tests'
        env.put(Topics.ENVIRONMENT_VARIABLE, Topics.ENVIRONMENT);
        env.put("HTTP_HOST", "127.0.0.1");
        env.putAll(extra);
        return env;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
