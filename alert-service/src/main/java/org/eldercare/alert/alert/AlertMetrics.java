package org.eldercare.alert.alert;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures the district's dashboard shows: open alerts by kind (counted in the database, so
 * every replica reports the same number) and the time from an alert opening to somebody accepting
 * it, as a histogram.
 */
@ApplicationScoped
public class AlertMetrics {

    private final Pool pool;
    private final MeterRegistry registry;
    private final Map<AlertKind, AtomicLong> open = new EnumMap<>(AlertKind.class);

    public AlertMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
        for (AlertKind kind : AlertKind.values()) {
            AtomicLong value = new AtomicLong();
            open.put(kind, value);
            Gauge.builder("eldercare.alert.open", value, AtomicLong::get).tag("kind", kind.name())
                    .description("Alerts not yet resolved, closed or cancelled").register(registry);
        }
    }

    /** Records how long the alert waited for someone to take charge. */
    public void accepted(Alert alert, Instant acceptedAt) {
        if (alert.openedAt() == null) {
            return;
        }
        Timer.builder("eldercare.alert.time.to.accept").tag("kind", alert.kind().name())
                .description("From an alert opening to its acceptance")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry)
                .record(Duration.between(alert.openedAt(), acceptedAt));
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countOpen() {
        return pool.query("select kind, count(*) as n from alerts where state in ('REPORTED','DISPATCHED','ACCEPTED','ARRIVED') group by kind")
                .execute()
                .invoke(rows -> {
                    Map<AlertKind, Long> counts = new EnumMap<>(AlertKind.class);
                    for (Row r : rows) {
                        counts.put(AlertKind.valueOf(r.getString("kind")), r.getLong("n"));
                    }
                    open.forEach((kind, value) -> value.set(counts.getOrDefault(kind, 0L)));
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
