package org.eldercare.contracts;

import java.util.regex.Pattern;

/**
 * MQTT topic names: the device protocol v1 (fixed from outside, see device-protocol.md) and the
 * platform's internal topics between services (ours to evolve; versioned the same way).
 *
 * <p>Internal topics carry the environment's name when one is set ({@value #ENVIRONMENT_VARIABLE}
 * or the system property {@value #ENVIRONMENT_PROPERTY}), read once when this class is loaded:
 * {@code eldercare/internal/<environment>/v1/...}. A demo, a test run and a benchmark that share
 * one broker then never see each other's events or care circles. Unset (production, where each
 * cluster has its own broker) the topics are {@code eldercare/internal/v1/...}. Either way they stay
 * under {@code eldercare/internal/}, the only internal namespace the broker's access rules know.
 * Device and app topics ({@link #V1}) never carry it: watches speak a fixed protocol.
 */
public final class Topics {

    public static final String ENVIRONMENT_VARIABLE = "ELDERCARE_ENVIRONMENT";
    public static final String ENVIRONMENT_PROPERTY = "eldercare.environment";

    /**
     * Lower-case letters, digits and hyphens, so that a name is one topic level, never a wildcard,
     * and no more than 32 of them.
     */
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    /** A version level ({@code v1}, {@code v2}) as a name would put one environment inside the unnamed one's tree. */
    private static final Pattern VERSION_LEVEL = Pattern.compile("v[0-9]+");

    /** This process's environment name; empty when none is set. */
    public static final String ENVIRONMENT = environment(System.getProperty(ENVIRONMENT_PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));

    /** Root of everything watches and apps speak. */
    public static final String V1 = "eldercare/v1/";
    /** Root of the platform's own service-to-service topics, in this process's environment. */
    public static final String INTERNAL = internalRoot(ENVIRONMENT);

    /** Normalized elder and device events from the gateway (and check-ins from visits): {@code events/{type}/{key}}. */
    public static final String EVENTS = INTERNAL + "events/";
    /** Motion windows, kept apart from events because of their volume: {@code motion/{deviceId}}. */
    public static final String MOTION = INTERNAL + "motion/";
    /**
     * Batches of VITALS events ({@link VitalsBatch}), one message per stored telemetry batch:
     * {@code vitals/{producer}}. Kept apart from {@link #EVENTS} so that per-event consumers never
     * meet a batch.
     */
    public static final String VITALS = INTERNAL + "vitals/";
    /** Care-circle snapshots published by visit-service on every change: {@code care-circle/{elderId}}. */
    public static final String CARE_CIRCLE = INTERNAL + "care-circle/";

    /** Patrol visitor profiles published by visit-service on every change: {@code visitors/{visitorId}}. */
    public static final String VISITORS = INTERNAL + "visitors/";

    private Topics() {
    }

    /**
     * The environment name from the system property, else the environment variable; blank means
     * none. A name that could not be a single plain topic level stops the process at start-up
     * rather than letting it publish where no one of its environment listens.
     */
    static String environment(String property, String variable) {
        String source = ENVIRONMENT_PROPERTY;
        String name = property;
        if (name == null || name.isBlank()) {
            source = ENVIRONMENT_VARIABLE;
            name = variable;
        }
        if (name == null || name.isBlank()) {
            return "";
        }
        if (!ENVIRONMENT_NAME.matcher(name).matches() || VERSION_LEVEL.matcher(name).matches()) {
            throw new IllegalStateException(source + "='" + name + "' is not a valid environment name: use 1 to 32 lower-case"
                    + " letters, digits and hyphens (e.g. demo, test, e2e), not a version such as v1; leave it empty in production");
        }
        return name;
    }

    /** {@code eldercare/internal/v1/} without an environment, {@code eldercare/internal/<environment>/v1/} with one. */
    static String internalRoot(String environment) {
        return environment.isEmpty() ? "eldercare/internal/v1/" : "eldercare/internal/" + environment + "/v1/";
    }

    public static String deviceTopic(String deviceId, String endpoint) {
        return V1 + "devices/" + deviceId + "/" + endpoint;
    }

    public static String userNotifications(String userId) {
        return V1 + "users/" + userId + "/notifications";
    }

    public static String event(PlatformEventType type, String key) {
        return EVENTS + type.name() + "/" + key;
    }

    public static String vitals(String producer) {
        return VITALS + producer;
    }

    public static String motion(String deviceId) {
        return MOTION + deviceId;
    }

    public static String careCircle(String elderId) {
        return CARE_CIRCLE + elderId;
    }

    public static String visitor(String visitorId) {
        return VISITORS + visitorId;
    }

    /** A shared subscription, so that replicas of one service split the messages of {@code filter}. */
    public static String shared(String group, String filter) {
        return "$share/" + group + "/" + filter;
    }
}
