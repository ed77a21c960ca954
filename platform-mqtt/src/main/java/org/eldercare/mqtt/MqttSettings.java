package org.eldercare.mqtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service reaches the broker. Each replica needs its own {@code instance} (a stable name such
 * as a StatefulSet pod name): client ids are {@code <application>-<instance>-<channel>}, and a
 * persistent session is found again by its client id after a restart.
 */
@ConfigMapping(prefix = "eldercare.mqtt")
public interface MqttSettings {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("1884")
    int port();

    @WithDefault("platform")
    String username();

    @WithDefault("platform-dev-secret")
    String password();

    /** Distinguishes replicas of one service; also keeps test runs apart from a running demo. */
    @WithDefault("0")
    String instance();

    @WithDefault("30")
    int keepAliveSeconds();

    /** QoS 1 publications awaiting their PUBACK at once, per connection. */
    @WithDefault("4096")
    int maxInflight();

    /** Largest message accepted from the broker; larger ones close the connection in Vert.x, so keep it generous. */
    @WithDefault("2097152")
    int maxMessageSize();

    /** How long a publication waits for a lost connection to come back before it fails. */
    @WithDefault("10")
    int publishWaitSeconds();

    @WithDefault("false")
    boolean ssl();

    /**
     * QoS 1 messages being handled at once, per consuming connection, at which it stops reading from
     * the broker (resuming at half): an overloaded service slows its intake and the broker keeps the
     * rest queued, instead of the service's heap. Exceeded by at most one socket read.
     */
    @WithDefault("1000")
    int maxUnacknowledged();

    /**
     * Messages being handled at once, per connection, beyond which QoS 0 messages are shed (counted
     * in {@code eldercare.mqtt.shed}). QoS 1 is bounded by {@link #maxUnacknowledged()}. QoS 0 has no flow control at all, and a
     * flood of it must not exhaust the heap and take the safety events down with it.
     */
    @WithDefault("20000")
    int maxInProgress();

    /**
     * Appended to the service's shared-subscription group. Mosquitto queues a share of the messages
     * for every persistent session in a group, connected or not, so two environments on one broker
     * (tests, end-to-end runs, a demo) must never share a group. Tests default to {@code -test}.
     */
    java.util.Optional<String> shareGroupSuffix();
}
