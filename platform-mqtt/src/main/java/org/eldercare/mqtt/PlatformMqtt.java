package org.eldercare.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eldercare.contracts.Topics;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service's door to the broker: confirmed publication (QoS 1 completes on PUBACK) and
 * consumers with persistent sessions that acknowledge only after their handler stored the effect.
 * The SmallRye MQTT connector acknowledges on receipt, which would lose a message whose effect was
 * not yet stored when the service died; hence this small layer over the Vert.x MQTT client.
 */
@ApplicationScoped
public class PlatformMqtt {

    private static final Logger LOG = Logger.getLogger(PlatformMqtt.class);

    private final Vertx vertx;
    private final MqttSettings settings;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final String application;
    private final List<MqttConnection> connections = new CopyOnWriteArrayList<>();
    private volatile MqttConnection publisher;
    private volatile MqttConnection urgentPublisher;

    public PlatformMqtt(Vertx vertx, MqttSettings settings, ObjectMapper json, MeterRegistry metrics,
                        @ConfigProperty(name = "quarkus.application.name") String application) {
        this.vertx = vertx;
        this.settings = settings;
        this.json = json;
        this.metrics = metrics;
        this.application = application;
    }

    /** Publishes {@code payload} as JSON with QoS 1; completes when the broker acknowledged it. */
    public Uni<Void> publishJson(String topic, Object payload) {
        return publishJson(topic, payload, false);
    }

    public Uni<Void> publishJson(String topic, Object payload, boolean retain) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return publish(topic, bytes, 1, retain);
    }

    public Uni<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return publisher().publish(topic, payload, qos, retain);
    }

    /**
     * Publishes {@code payload} as JSON with QoS 1 on a connection of its own, so that an alarm never
     * waits behind thousands of routine publications for a free slot in the in-flight window.
     */
    public Uni<Void> publishUrgentJson(String topic, Object payload) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return urgentPublisher().publish(topic, bytes, 1, false);
    }

    private MqttConnection urgentPublisher() {
        MqttConnection p = urgentPublisher;
        if (p == null) {
            synchronized (this) {
                if (urgentPublisher == null) {
                    urgentPublisher = new MqttConnection(vertx, settings, clientId("out-urgent"), true, Map.of(),
                            m -> Uni.createFrom().voidItem(), metrics);
                    connections.add(urgentPublisher);
                    urgentPublisher.start();
                }
                p = urgentPublisher;
            }
        }
        return p;
    }

    /**
     * Starts a consumer with a persistent session named {@code <application>-<instance>-<channel>}.
     * Use shared subscriptions ({@link #shared}) in {@code filters} so that replicas split the load.
     *
     * @param filters topic filter to QoS
     */
    public MqttConnection consume(String channel, Map<String, Integer> filters, MessageHandler handler) {
        MqttConnection c = new MqttConnection(vertx, settings, clientId(channel), false,
                MqttConnection.copy(filters), handler, metrics);
        connections.add(c);
        c.start();
        return c;
    }

    /**
     * {@code $share/<group>/<filter>}: one copy of each message per service, not per replica. The
     * group is the application's name plus the environment's suffix ({@link MqttSettings#shareGroupSuffix()}).
     */
    public String shared(String filter) {
        return "$share/" + shareGroup() + "/" + filter;
    }

    public String shareGroup() {
        String suffix = settings.shareGroupSuffix()
                .orElse(io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.TEST ? "-test" : "");
        return application + suffix;
    }

    public List<MqttConnection> connections() {
        return List.copyOf(connections);
    }

    private MqttConnection publisher() {
        MqttConnection p = publisher;
        if (p == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new MqttConnection(vertx, settings, clientId("out"), true, Map.of(),
                            m -> Uni.createFrom().voidItem(), metrics);
                    connections.add(publisher);
                    publisher.start();
                }
                p = publisher;
            }
        }
        return p;
    }

    private String clientId(String channel) {
        return application + "-" + settings.instance() + "-" + channel;
    }

    /**
     * Connects the publisher at start-up, so that readiness reflects the broker from the first moment.
     * Reads the environment's name for the internal topics ({@link Topics#ENVIRONMENT}) first, so that
     * an invalid one stops the service now, not at its first publication.
     */
    void onStart(@Observes io.quarkus.runtime.StartupEvent event) {
        LOG.infof("internal topics under %s#", Topics.INTERNAL);
        publisher();
    }

    void onStop(@Observes ShutdownEvent event) {
        connections.forEach(MqttConnection::close);
    }
}
