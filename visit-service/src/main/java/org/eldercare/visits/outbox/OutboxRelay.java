package org.eldercare.visits.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.mqtt.PlatformMqtt;
import org.eldercare.visits.VisitSettings;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes pending outbox rows in the order they were written, marking each sent only after the
 * broker's PUBACK. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work
 * without publishing a row twice at once; the first failure ends the round (keeping per-elder order)
 * and the next round retries.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final PlatformMqtt mqtt;
    private final int batchSize;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Vertx vertx;

    public OutboxRelay(PlatformMqtt mqtt, VisitSettings settings, MeterRegistry metrics, Vertx vertx) {
        this.mqtt = mqtt;
        this.vertx = vertx;
        this.batchSize = settings.outbox().batchSize();
        this.published = Counter.builder("eldercare.visits.outbox.published").register(metrics);
        this.failures = Counter.builder("eldercare.visits.outbox.failures").register(metrics);
        Gauge.builder("eldercare.visits.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows claimed but not yet acknowledged by the broker in the last round").register(metrics);
    }

    /**
     * Asks for a round now (after a write committed) instead of at the next tick. Within one process
     * rounds never overlap; a request during a round makes one more round follow it.
     */
    public void soon() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        Context dup = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(dup, true);
        dup.runOnContext(v -> round().subscribe().with(x -> finished(), e -> finished()));
    }

    private void finished() {
        running.set(false);
        if (again.getAndSet(false)) {
            soon();
        }
    }

    @Scheduled(every = "${eldercare.visits.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return round().eventually(this::finished);
    }

    private Uni<Void> round() {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                        .createNativeQuery("select * from outbox where sent_at is null order by id limit " + batchSize
                                + " for update skip locked", OutboxMessage.class)
                        .getResultList())
                .chain(rows -> {
                    pending.set(rows.size());
                    // PUBACKs complete on the MQTT connection's event loop; the session must be used on its own.
                    io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
                    return publishFrom(rows, 0, ctx);
                }))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("outbox relay round failed: %s", e.getMessage());
                    return null;
                });
    }

    private Uni<Void> publishFrom(List<OutboxMessage> rows, int i, io.vertx.core.Context ctx) {
        if (i >= rows.size()) {
            pending.set(0);
            return Uni.createFrom().voidItem();
        }
        OutboxMessage m = rows.get(i);
        return mqtt.publish(m.topic, m.payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .emitOn(task -> ctx.runOnContext(v -> task.run()))
                .onItem().transformToUni(ok -> {
                    m.sentAt = Instant.now();
                    m.attempts++;
                    published.increment();
                    return publishFrom(rows, i + 1, ctx);
                })
                .onFailure().recoverWithUni(e -> {
                    m.attempts++;
                    m.lastError = String.valueOf(e.getMessage());
                    failures.increment();
                    pending.set(rows.size() - i);
                    LOG.warnf("outbox: cannot publish row %d on %s (%s); retrying next round", m.id, m.topic, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
