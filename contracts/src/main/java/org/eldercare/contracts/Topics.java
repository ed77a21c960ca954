package org.eldercare.contracts;

/**
 * MQTT topic names: the device protocol v1 (fixed from outside, see device-protocol.md) and the
 * platform's internal topics between services (ours to evolve; versioned the same way).
 */
public final class Topics {

    /** Root of everything watches and apps speak. */
    public static final String V1 = "eldercare/v1/";
    /** Root of the platform's own service-to-service topics. */
    public static final String INTERNAL = "eldercare/internal/v1/";

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
