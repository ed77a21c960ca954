package org.eldercare.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VitalsBatch;
import org.eldercare.gateway.GatewayConfig;
import org.eldercare.gateway.device.DeviceDirectory;
import org.eldercare.gateway.state.DeviceStateStore;
import org.eldercare.gateway.telemetry.TelemetryPartitions;
import org.eldercare.mqtt.IncomingMessage;
import org.eldercare.mqtt.PlatformMqtt;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest pipeline: every message from watches and apps comes through {@link #handle}. A message
 * becomes a typed, validated {@link Inbound} once; the sender is checked against the registry; its
 * effect is stored (in batches) and only then its internal event published; and only when that is
 * done does the handler complete, which is when the broker's PUBACK goes to the sender. Bad content
 * never fails the handler: it is counted and quarantined. Only storage or broker trouble fails it,
 * and then the broker delivers the message again.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    /**
     * Bulk readings (and anything else a watch sends, so that a wrong endpoint is still seen and
     * quarantined). Events, status and acks also match {@code devices/+/+} here but are handled
     * only by the urgent connection; the bulk copy is acknowledged and dropped.
     */
    static final List<String> FILTERS = List.of("eldercare/v1/devices/+/+", "eldercare/v1/visitors/+/location");
    /** Alarms and receipts: their own connection, so they never wait behind a telemetry backlog. */
    static final List<String> URGENT_FILTERS = List.of("eldercare/v1/devices/+/events", "eldercare/v1/devices/+/status",
            "eldercare/v1/visitors/+/acks", "eldercare/v1/users/+/acks");

    private final PlatformMqtt mqtt;
    private final DeviceDirectory directory;
    private final DeviceStateStore state;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private final GatewayConfig config;
    private final TelemetryPartitions partitions;
    private final MessageValidator validator;
    private final Batcher<TelemetryStore.Item, Stored> telemetry;
    private final Batcher<InboundStore.Claim, InboundStore.Claimed> claims;
    /** Alarms and receipts: their own batches, sent at once, never queued behind bulk claims. */
    private final Batcher<InboundStore.Claim, InboundStore.Claimed> urgentClaims;
    private final Batcher<QuarantineStore.Rejected, Void> quarantine;
    private final InboundStore inbound;
    private final Vertx vertx;
    /** Where this replica publishes its {@link VitalsBatch}es. */
    private final String vitalsTopic;
    private final io.micrometer.core.instrument.Timer telemetryWrites;
    private final io.micrometer.core.instrument.Timer vitalsPublications;

    public IngestService(PlatformMqtt mqtt, DeviceDirectory directory, DeviceStateStore state, IngestMetrics metrics,
                         ObjectMapper json, GatewayConfig config, Pool pool, Vertx vertx, TelemetryPartitions partitions,
                         org.eldercare.mqtt.MqttSettings mqttSettings) {
        this.mqtt = mqtt;
        this.directory = directory;
        this.state = state;
        this.metrics = metrics;
        this.json = json;
        this.config = config;
        this.partitions = partitions;
        this.vertx = vertx;
        GatewayConfig.Ingest in = config.ingest();
        this.validator = new MessageValidator(json, new IngestLimits(in.maxPayloadBytes(), in.maxMotionBytes(),
                in.futureSkew().toMillis(), in.maxAge().toMillis()));
        Batcher.Timer timer = (delay, task) -> vertx.setTimer(Math.max(1, delay), id -> task.run());
        TelemetryStore telemetryStore = new TelemetryStore(pool, config.lowBatteryThreshold());
        this.inbound = new InboundStore(pool);
        QuarantineStore quarantineStore = new QuarantineStore(pool);
        var telemetrySizes = metrics.batchSizes("telemetry");
        var claimSizes = metrics.batchSizes("inbound");
        var quarantineSizes = metrics.batchSizes("quarantine");
        this.vitalsTopic = Topics.vitals(mqttSettings.instance());
        this.telemetryWrites = metrics.batchWrites("telemetry");
        this.vitalsPublications = metrics.vitalsPublications();
        this.telemetry = new Batcher<>(in.batchSize(), in.batchLingerMs(), in.batchConcurrency(),
                items -> timed(telemetryWrites, telemetryStore.write(items)).map(outcomes -> announced(items, outcomes)),
                timer, telemetrySizes::record);
        var claimWrites = metrics.batchWrites("inbound");
        var urgentWrites = metrics.batchWrites("urgent");
        this.claims = new Batcher<>(in.batchSize(), in.batchLingerMs(), in.batchConcurrency(),
                items -> timed(claimWrites, inbound.claim(items)), timer, claimSizes::record);
        this.urgentClaims = new Batcher<>(in.batchSize(), 0, in.urgentConcurrency(),
                items -> timed(urgentWrites, inbound.claim(items)), timer, metrics.batchSizes("urgent")::record);
        this.quarantine = new Batcher<>(in.batchSize(), in.batchLingerMs(), 1, quarantineStore::write, timer,
                quarantineSizes::record);
    }

    /** After the broker client (priority 10): partitions first, so that no sample finds its day missing. */
    void start(@Observes @Priority(20) StartupEvent event) {
        try {
            partitions.maintain(Instant.now()).await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // Ingest still starts: samples of a missing day land in the default partition, not nowhere.
            LOG.errorf(e, "telemetry partition maintenance failed at start-up");
        }
        Map<String, Integer> filters = new LinkedHashMap<>();
        // One group per deployment: platform-mqtt derives it (application name + the environment's
        // suffix, "-test" in tests), so every replica of this deployment splits the messages.
        FILTERS.forEach(f -> filters.put(mqtt.shared(f), 1));
        Map<String, Integer> urgent = new LinkedHashMap<>();
        URGENT_FILTERS.forEach(f -> urgent.put(mqtt.shared(f), 1));
        startOnOwnEventLoop("ingest-urgent", urgent, this::handle);
        // A connection lives on the event loop it was created from; created from the start-up thread
        // they would all share one. Each gets its own event-loop context, so that the connections
        // (and the handlers, which run on their loops) spread over the cores.
        for (int i = 0; i < config.ingest().connections(); i++) {
            startOnOwnEventLoop("ingest-" + i, filters, this::handleBulk);
        }
    }

    private void startOnOwnEventLoop(String channel, Map<String, Integer> filters, org.eldercare.mqtt.MessageHandler handler) {
        java.util.concurrent.CompletableFuture<Void> created = new java.util.concurrent.CompletableFuture<>();
        ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext().runOnContext(v -> {
            try {
                mqtt.consume(channel, filters, handler);
                created.complete(null);
            } catch (RuntimeException e) {
                created.completeExceptionally(e);
            }
        });
        created.join();
    }

    /** The bulk connections leave events and status to the urgent connection, which has its own copy. */
    Uni<Void> handleBulk(IncomingMessage m) {
        String t = m.topic();
        if (t.startsWith("eldercare/v1/devices/") && (t.endsWith("/events") || t.endsWith("/status"))
                && t.indexOf('/', "eldercare/v1/devices/".length()) == t.lastIndexOf('/')) {
            return Uni.createFrom().voidItem();
        }
        return handle(m);
    }

    public Uni<Void> handle(IncomingMessage m) {
        InboundAddress address = InboundAddress.parse(m.topic());
        if (address == null) {
            return reject(InboundAddress.senderOf(m.topic()), m, RejectReason.TOPIC_MISMATCH, "not a topic of protocol v1");
        }
        if (address.senderKind() == InboundAddress.SenderKind.DEVICE) {
            return directory.device(address.senderId()).chain(d -> {
                if (!d.exists()) {
                    return reject(address.senderId(), m, RejectReason.UNKNOWN_DEVICE, "no such device");
                }
                if (d.retired()) {
                    return reject(address.senderId(), m, RejectReason.RETIRED_DEVICE, "device retired");
                }
                return accept(address, m, d.elderId());
            });
        }
        return directory.appUser(address.senderId()).chain(known -> known
                ? accept(address, m, null)
                : reject(address.senderId(), m, RejectReason.UNKNOWN_SENDER, "no app credentials for this user"));
    }

    private Uni<Void> accept(InboundAddress address, IncomingMessage m, String elderId) {
        Validation v = validator.validate(address, m.payload(), m.receivedAt());
        if (!v.accepted()) {
            return reject(address.senderId(), m, v.reason(), v.detail());
        }
        Inbound in = v.inbound();
        long now = m.receivedAt();
        if (in instanceof Inbound.Telemetry t) {
            return telemetry(t, elderId, now);
        } else if (in instanceof Inbound.DeviceEvent e) {
            return event(e, elderId, now);
        } else if (in instanceof Inbound.Motion mo) {
            return motion(mo, elderId, now);
        } else if (in instanceof Inbound.Status s) {
            return status(s, elderId, now);
        } else if (in instanceof Inbound.VisitorLocation l) {
            return location(l, now);
        } else {
            return ack((Inbound.Ack) in, now);
        }
    }

    private Uni<Void> telemetry(Inbound.Telemetry t, String elderId, long now) {
        return telemetry.submit(new TelemetryStore.Item(t, elderId, now)).chain(written -> {
            TelemetryStore.Outcome outcome = written.outcome();
            if (!outcome.stored()) {
                metrics.rejected(RejectReason.DUPLICATE);
                return Uni.createFrom().voidItem();
            }
            metrics.accepted("telemetry");
            if (elderId == null) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> out = new ArrayList<>(2 + outcome.derived().size());
            out.add(written.vitals());
            if (config.ingest().vitalsEvents() && !config.ingest().vitalsPerBatch()) {
                out.add(publish(EventFactory.vitals(t, elderId, now)));
            }
            for (PlatformEventType type : outcome.derived()) {
                out.add(publish(EventFactory.derived(type, t, elderId, now)));
            }
            return out.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(out).andFailFast().replaceWithVoid();
        });
    }

    /** A sample's storage outcome and the publication of its batch's VITALS (done when the broker has them). */
    record Stored(TelemetryStore.Outcome outcome, Uni<Void> vitals) {
    }

    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();

    /**
     * The VITALS events of a stored batch, as one message: the broker carries one internal message
     * per batch instead of one per sample. Same events as per sample (duplicates and unbound
     * watches have none), in stored order.
     *
     * <p>The samples' acknowledgement does not wait for this publication while fewer than
     * {@code vitals-in-flight} are outstanding: a sample redelivered after a lost VITALS is a
     * duplicate and is not announced again in any case (samples are a stream, the next one
     * supersedes it), so waiting would only hold the broker's in-flight window. Past that bound the
     * batch waits for its publication, so that a slow broker slows ingest instead of filling the heap.
     */
    private List<Stored> announced(List<TelemetryStore.Item> items, List<TelemetryStore.Outcome> outcomes) {
        Uni<Void> vitals = NOTHING;
        if (config.ingest().vitalsEvents() && config.ingest().vitalsPerBatch()) {
            List<PlatformEvent> events = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                TelemetryStore.Item it = items.get(i);
                if (outcomes.get(i).stored() && it.elderId() != null) {
                    events.add(EventFactory.vitals(it.sample(), it.elderId(), it.receivedAt()));
                }
            }
            if (!events.isEmpty()) {
                vitals = publishVitals(events);
            }
        }
        List<Stored> out = new ArrayList<>(outcomes.size());
        for (TelemetryStore.Outcome o : outcomes) {
            out.add(new Stored(o, o.stored() ? vitals : NOTHING));
        }
        return out;
    }

    private final java.util.concurrent.atomic.AtomicInteger vitalsOutstanding = new java.util.concurrent.atomic.AtomicInteger();

    /** Starts the publication now; answers what the batch's samples wait for (nothing, unless the bound is reached). */
    private Uni<Void> publishVitals(List<PlatformEvent> events) {
        boolean wait = vitalsOutstanding.incrementAndGet() > config.ingest().vitalsInFlight();
        Uni<Void> publication = timed(vitalsPublications, mqtt.publishJson(vitalsTopic, new VitalsBatch(events)))
                .onTermination().invoke(vitalsOutstanding::decrementAndGet)
                .memoize().indefinitely();
        if (wait) {
            return publication;
        }
        publication.subscribe().with(ok -> { }, failure -> {
            metrics.vitalsLost(events.size());
            LOG.warnf("a VitalsBatch of %d events was not published: %s", events.size(), failure.getMessage());
        });
        return NOTHING;
    }

    /** Where the time goes: each batch's round trip, measured from subscription to its outcome. */
    private static <T> Uni<T> timed(io.micrometer.core.instrument.Timer timer, Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return work.onTermination().invoke(() -> timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
        });
    }

    private Uni<Void> event(Inbound.DeviceEvent e, String elderId, long now) {
        PlatformEvent event = EventFactory.deviceEvent(e, elderId, now);
        return urgentClaims.submit(new InboundStore.Claim(e.sender(), e.id(), InboundStore.Kind.EVENT, e.type().name(), e.ts(),
                now, elderId, false, toJson(event))).chain(c -> {
            if (c.status() == InboundStore.Status.DUPLICATE) {
                metrics.rejected(RejectReason.DUPLICATE);
                return Uni.createFrom().voidItem();
            }
            Boolean worn = switch (e.type()) {
                case WORN -> Boolean.TRUE;
                case REMOVED -> Boolean.FALSE;
                default -> null;
            };
            Uni<Void> stored = c.status() == InboundStore.Status.NEW
                    ? state.touch(e.sender(), now, worn, e.loc(), e.ts()) : Uni.createFrom().voidItem();
            return stored.chain(() -> {
                metrics.accepted("event");
                if (c.elderId() == null) {
                    // Kept with published=false: listed per device, counted, and logged for an operator.
                    metrics.unboundEvent(e.type().platformType());
                    LOG.warnf("%s event %s from device %s bound to no elder: kept, not announced", e.type(), e.id(), e.sender());
                    return Uni.createFrom().voidItem();
                }
                PlatformEvent toSend = c.elderId().equals(elderId) ? event : EventFactory.deviceEvent(e, c.elderId(), now);
                return publish(toSend).chain(() -> inbound.markPublished(e.sender(), e.id()));
            });
        });
    }

    private Uni<Void> motion(Inbound.Motion mo, String elderId, long now) {
        return claims.submit(new InboundStore.Claim(mo.sender(), mo.id(), InboundStore.Kind.MOTION, null, mo.ts(), now,
                elderId, true, null)).chain(c -> {
            if (c.status() != InboundStore.Status.NEW) {
                metrics.rejected(RejectReason.DUPLICATE);
                return Uni.createFrom().voidItem();
            }
            metrics.accepted("motion");
            // Fall detection needs an elder to alert about; an unbound watch's motion has none.
            return elderId == null ? Uni.createFrom().voidItem()
                    : mqtt.publishJson(Topics.motion(mo.sender()), EventFactory.motion(mo, elderId));
        });
    }

    private Uni<Void> status(Inbound.Status s, String elderId, long now) {
        return state.connectivity(s.sender(), s.online(), s.firmware(), s.ts(), now).chain(c -> {
            metrics.accepted("status");
            if (c.published()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> announce = elderId == null ? Uni.createFrom().voidItem()
                    : publish(EventFactory.connectivity(s, c.eventId(), elderId, now));
            return announce.chain(() -> state.markConnectivityPublished(s.sender(), c.eventId()));
        });
    }

    private Uni<Void> location(Inbound.VisitorLocation l, long now) {
        return claims.submit(new InboundStore.Claim(l.sender(), l.id(), InboundStore.Kind.LOCATION, null, l.ts(), now,
                null, true, null)).chain(c -> {
            if (c.status() != InboundStore.Status.NEW) {
                metrics.rejected(RejectReason.DUPLICATE);
                return Uni.createFrom().voidItem();
            }
            metrics.accepted("location");
            return publish(EventFactory.visitorLocation(l, now));
        });
    }

    private Uni<Void> ack(Inbound.Ack a, long now) {
        PlatformEvent event = EventFactory.ack(a, now);
        return urgentClaims.submit(new InboundStore.Claim(a.sender(), a.id(), InboundStore.Kind.ACK, a.action(), a.ts(), now,
                null, false, toJson(event))).chain(c -> {
            if (c.status() == InboundStore.Status.DUPLICATE) {
                metrics.rejected(RejectReason.DUPLICATE);
                return Uni.createFrom().voidItem();
            }
            metrics.accepted("ack");
            return publish(event).chain(() -> inbound.markPublished(a.sender(), a.id()));
        });
    }

    private Uni<Void> publish(PlatformEvent e) {
        String key = e.elderId() != null ? e.elderId() : e.actorId();
        boolean routine = e.type() == PlatformEventType.VITALS || e.type() == PlatformEventType.VISITOR_LOCATION;
        return routine ? mqtt.publishJson(Topics.event(e.type(), key), e) : mqtt.publishUrgentJson(Topics.event(e.type(), key), e);
    }

    private Uni<Void> reject(String sender, IncomingMessage m, RejectReason reason, String detail) {
        metrics.rejected(reason);
        LOG.debugf("rejected %s on %s: %s", reason, m.topic(), detail);
        return quarantine.submit(new QuarantineStore.Rejected(sender, m.topic(), reason, detail, m.receivedAt(), m.payload()))
                .replaceWithVoid();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
