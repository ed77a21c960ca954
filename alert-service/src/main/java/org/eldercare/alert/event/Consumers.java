package org.eldercare.alert.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eldercare.alert.carecircle.CareCircleSync;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VisitorProfile;
import org.eldercare.contracts.VitalsBatch;
import org.eldercare.mqtt.ConcurrencyLimit;
import org.eldercare.mqtt.IncomingMessage;
import org.eldercare.mqtt.MqttConnection;
import org.eldercare.mqtt.PlatformMqtt;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MQTT edge: events (shared subscription, replicas split them) and care circles / visitor
 * profiles (not shared: every replica keeps its in-memory copy current). Nothing past here knows
 * topics or JSON. A message that cannot be understood is kept in rejected_messages and acknowledged;
 * only a storage failure fails the handler, so the broker redelivers.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private final PlatformMqtt mqtt;
    private final EventHandler events;
    private final CareCircleSync sync;
    private final Pool pool;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private volatile MqttConnection eventConnection;
    private volatile MqttConnection circleConnection;
    private volatile MqttConnection readingConnection;

    public Consumers(PlatformMqtt mqtt, EventHandler events, CareCircleSync sync, Pool pool, ObjectMapper json, MeterRegistry metrics) {
        this.mqtt = mqtt;
        this.events = events;
        this.sync = sync;
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent e) {
        // Circles first (and from the database), so the first events find who to notify.
        sync.warmUp().await().indefinitely();
        circleConnection = mqtt.consume("circles", Map.of(Topics.CARE_CIRCLE + "+", 1, Topics.VISITORS + "+", 1),
                m -> circlesLimit.run(() -> onCircle(m)));
        // Alarms and readings on separate connections: the broker's in-flight window of one
        // connection must never be filled with a backlog of vital signs while an SOS waits behind it.
        Map<String, Integer> alarms = new java.util.LinkedHashMap<>();
        Map<String, Integer> readings = new java.util.LinkedHashMap<>();
        for (org.eldercare.contracts.PlatformEventType type : org.eldercare.contracts.PlatformEventType.values()) {
            boolean reading = type == org.eldercare.contracts.PlatformEventType.VITALS
                    || type == org.eldercare.contracts.PlatformEventType.VISITOR_LOCATION;
            (reading ? readings : alarms).put(mqtt.shared(Topics.EVENTS + type.name() + "/#"), 1);
        }
        // The gateway publishes the VITALS of a stored telemetry batch as one VitalsBatch message.
        readings.put(mqtt.shared(Topics.VITALS + "#"), 1);
        eventConnection = mqtt.consume("events", alarms, this::onEvent);
        readingConnection = mqtt.consume("readings", readings, this::onReading);
    }

    public MqttConnection readingConnection() {
        return readingConnection;
    }

    public MqttConnection eventConnection() {
        return eventConnection;
    }

    public MqttConnection circleConnection() {
        return circleConnection;
    }

    Uni<Void> onEvent(IncomingMessage m) {
        PlatformEvent e;
        try {
            e = events.parseEvent(new String(m.payload(), StandardCharsets.UTF_8));
            if (e.eventId() == null || e.type() == null) {
                return reject(m, "eventId and type are required");
            }
        } catch (Exception bad) {
            return reject(m, "unreadable event: " + bad.getMessage());
        }
        metrics.counter("eldercare.alert.events", "type", e.type().name()).increment();
        return events.handle(e);
    }

    /**
     * Readings (VITALS, visitor locations) handled at once, across all in-flight messages of the
     * readings connection. The broker hands that connection up to its in-flight window (hundreds of
     * messages) at a time; unbounded, a backlog of readings would take every pool connection and
     * queue ahead of an SOS's transaction. With this bound the alarms always find the pool free.
     */
    static final int READINGS_AT_ONCE = 8;
    private final ConcurrencyLimit readingsLimit = new ConcurrencyLimit(READINGS_AT_ONCE);

    /**
     * Care circles and visitor profiles handled at once. visit-service may republish every circle
     * (a reconciliation, a district loaded in one go): unbounded, 100,000 circles arriving together
     * took every pool connection, timed out and were redelivered over and over.
     */
    static final int CIRCLES_AT_ONCE = 4;
    private final ConcurrencyLimit circlesLimit = new ConcurrencyLimit(CIRCLES_AT_ONCE);

    Uni<Void> onReading(IncomingMessage m) {
        return m.topic().startsWith(Topics.VITALS) ? onVitalsBatch(m) : limited(() -> onEvent(m));
    }

    /** Runs {@code work} when fewer than {@link #READINGS_AT_ONCE} readings are being handled. */
    private Uni<Void> limited(java.util.function.Supplier<Uni<Void>> work) {
        return readingsLimit.run(work);
    }

    /**
     * A batch of VITALS events: each has the effect it would have had alone, in the batch's order
     * (the broker's in-flight window keeps several batches going at once). A batch takes one slot of
     * {@link #READINGS_AT_ONCE} and at most one transaction. A failure fails the whole message and the
     * broker redelivers it; VITALS handling is idempotent.
     */
    Uni<Void> onVitalsBatch(IncomingMessage m) {
        VitalsBatch batch;
        try {
            batch = json.readValue(m.payload(), VitalsBatch.class);
            if (batch.events() == null) {
                return reject(m, "vitals batch without events");
            }
        } catch (Exception bad) {
            return reject(m, "unreadable vitals batch: " + bad.getMessage());
        }
        List<PlatformEvent> readings = new ArrayList<>(batch.events().size());
        for (PlatformEvent e : batch.events()) {
            if (e == null || e.eventId() == null || e.type() != PlatformEventType.VITALS) {
                metrics.counter("eldercare.alert.rejected").increment();
                LOG.warnf("skipped an element of a vitals batch on %s: not a VITALS event", m.topic());
                continue;
            }
            readings.add(e);
        }
        if (readings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        metrics.counter("eldercare.alert.events", "type", PlatformEventType.VITALS.name()).increment(readings.size());
        return limited(() -> events.handleReadings(readings));
    }

    Uni<Void> onCircle(IncomingMessage m) {
        String body = new String(m.payload(), StandardCharsets.UTF_8);
        try {
            if (m.topic().startsWith(Topics.CARE_CIRCLE)) {
                CareCircle c = json.readValue(body, CareCircle.class);
                if (c.elderId() == null) {
                    return reject(m, "care circle without elderId");
                }
                return sync.apply(c);
            }
            VisitorProfile v = json.readValue(body, VisitorProfile.class);
            if (v.visitorId() == null) {
                return reject(m, "visitor profile without visitorId");
            }
            return sync.apply(v);
        } catch (Exception bad) {
            return reject(m, "unreadable: " + bad.getMessage());
        }
    }

    private Uni<Void> reject(IncomingMessage m, String reason) {
        metrics.counter("eldercare.alert.rejected").increment();
        LOG.warnf("rejected message on %s: %s", m.topic(), reason);
        String payload = new String(m.payload(), StandardCharsets.UTF_8);
        return pool.preparedQuery("insert into rejected_messages (topic, reason, payload) values ($1, $2, $3)")
                .execute(Tuple.of(m.topic(), reason, payload.length() > 10_000 ? payload.substring(0, 10_000) : payload))
                .replaceWithVoid();
    }
}
