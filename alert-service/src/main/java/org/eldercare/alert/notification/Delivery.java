package org.eldercare.alert.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eldercare.alert.AlertSettings;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends notifications: at once after the transaction that created them committed (the fast path),
 * and again from a poller for failures (exponential back-off) and for fast paths cut short by a
 * crash (their lease runs out). Every attempt is stored. At least once: apps drop repeats by
 * notificationId.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final Pool pool;
    private final NotificationStore store;
    private final Map<String, OutboundChannel> channels = new HashMap<>();
    private final AlertSettings settings;
    private final RetryBackoff backoff;
    private final MeterRegistry metrics;

    public Delivery(Pool pool, NotificationStore store, Instance<OutboundChannel> channels, AlertSettings settings,
                    MeterRegistry metrics) {
        this.pool = pool;
        this.store = store;
        channels.forEach(ch -> this.channels.put(ch.name(), ch));
        this.settings = settings;
        this.backoff = new RetryBackoff(settings.delivery().firstRetry(), settings.delivery().maxRetry(),
                settings.delivery().maxAttempts());
        this.metrics = metrics;
    }

    /** Fast path: try each now; never fails (what does not go out now is retried by the poller). */
    public Uni<Void> sendNow(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant lease = Instant.now().plus(settings.delivery().lease());
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndMerge(id -> pool.withTransaction(c -> store.claim(c, id, lease))
                        .flatMap(n -> n == null ? Uni.createFrom().voidItem() : attempt(n))
                        .onFailure().recoverWithNull().replaceWithVoid())
                .collect().last().replaceWithVoid();
    }

    @Scheduled(every = "${eldercare.alert.delivery.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "2s")
    Uni<Void> retryDue() {
        Instant now = Instant.now();
        return pool.withTransaction(c -> store.claimDue(c, now, now.plus(settings.delivery().lease()), 100))
                .flatMap(list -> list.isEmpty() ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(list).onItem().transformToUniAndMerge(this::attempt).collect().last().replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("delivery poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> attempt(PendingNotification n) {
        OutboundChannel ch = channels.get(n.channel());
        int attempt = n.attempts() + 1;
        Uni<String> sent = ch == null ? Uni.createFrom().failure(new IllegalStateException("no channel " + n.channel()))
                : Uni.createFrom().deferred(() -> ch.send(n));
        return sent.ifNoItem().after(settings.delivery().httpTimeout().plusSeconds(1)).fail()
                .map(detail -> new Object[]{true, detail})
                .onFailure().recoverWithItem(e -> new Object[]{false, String.valueOf(e.getMessage())})
                .flatMap(r -> {
                    boolean ok = (Boolean) r[0];
                    Duration wait = ok ? null : backoff.after(attempt);
                    Instant retryAt = wait == null ? null : Instant.now().plus(wait);
                    metrics.counter("eldercare.alert.delivery.attempts", "channel", n.channel(), "ok", String.valueOf(ok)).increment();
                    if (!ok) {
                        LOG.infof("delivery %s via %s attempt %d failed: %s%s", n.id(), n.channel(), attempt, r[1],
                                retryAt == null ? " (giving up)" : "");
                    }
                    return pool.withTransaction(c -> store.recordAttempt(c, n.id(), attempt, ok, (String) r[1], retryAt));
                });
    }
}
