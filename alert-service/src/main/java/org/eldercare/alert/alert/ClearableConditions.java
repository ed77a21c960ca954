package org.eldercare.alert.alert;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eldercare.alert.timer.TimerKind;
import org.eldercare.alert.timer.TimerStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The elders whose condition a VITALS reading may clear: a watch off the wrist (its grace running,
 * or its alert open) and a low battery (its alert open). Readings come by the thousand a second, so
 * only a reading for an elder named here runs the clearing path, which takes the alert's locks and
 * checks again in the database: an elder named wrongly costs a query, one missing would keep a false
 * alarm open. Hence the memory is loaded from the database at start-up and refreshed every
 * {@code detect.clearable-refresh}, so that it holds on every replica and after a restart whoever
 * opened the alert; this replica's own openings, closings and events change it at once.
 */
@ApplicationScoped
public class ClearableConditions {

    private static final Logger LOG = Logger.getLogger(ClearableConditions.class);
    private static final Duration START_UP_LOAD = Duration.ofSeconds(30);

    private final Pool pool;
    private final AlertStore alerts;
    private final TimerStore timers;
    /** Elder → the refresh generation in which it was named; per kind. */
    private final Map<String, Long> watchOff = new ConcurrentHashMap<>();
    private final Map<String, Long> batteryLow = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public ClearableConditions(Pool pool, AlertStore alerts, TimerStore timers) {
        this.pool = pool;
        this.alerts = alerts;
        this.timers = timers;
    }

    void load(@Observes StartupEvent start) {
        try {
            refresh().await().atMost(START_UP_LOAD);
        } catch (RuntimeException e) {
            // The periodic refresh tries again; until then readings clear only what this replica saw.
            LOG.warnf("conditions awaiting clearing not loaded at start-up: %s", e.getMessage());
        }
    }

    /**
     * Replaces the memory by what the database holds. An elder named by this replica while the query
     * ran is kept (its transaction may not have committed in time to be seen).
     */
    @Scheduled(every = "${eldercare.alert.detect.clearable-refresh:30s}", delayed = "${eldercare.alert.detect.clearable-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        long started = generation.incrementAndGet();
        return pool.withConnection(c -> alerts.awaitingClearing(c, Set.of(AlertKind.WATCH_REMOVED, AlertKind.LOW_BATTERY))
                        .flatMap(open -> timers.keys(c, TimerKind.WATCH_REMOVED).map(graces -> {
                            replace(watchOff, union(open.getOrDefault(AlertKind.WATCH_REMOVED, Set.of()), graces), started);
                            replace(batteryLow, open.getOrDefault(AlertKind.LOW_BATTERY, Set.of()), started);
                            return (Void) null;
                        })))
                .onFailure().invoke(e -> LOG.warnf("refresh of conditions awaiting clearing failed: %s", e.getMessage()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void replace(Map<String, Long> memory, Set<String> found, long started) {
        memory.entrySet().removeIf(e -> e.getValue() < started && !found.contains(e.getKey()));
        found.forEach(elder -> memory.putIfAbsent(elder, started));
    }

    private Map<String, Long> of(AlertKind kind) {
        return switch (kind) {
            case WATCH_REMOVED -> watchOff;
            case LOW_BATTERY -> batteryLow;
            default -> null;
        };
    }

    /** Whether a reading may clear the elder's {@code kind} (WATCH_REMOVED or LOW_BATTERY). */
    public boolean awaitsClearing(AlertKind kind, String elderId) {
        Map<String, Long> memory = of(kind);
        return memory != null && memory.containsKey(elderId);
    }

    /** The condition was seen (reported, or its alert opened): a reading may now clear it. */
    public void seen(AlertKind kind, String elderId) {
        Map<String, Long> memory = of(kind);
        if (memory != null && elderId != null) {
            memory.put(elderId, generation.get());
        }
    }

    /** The condition's clearing ran, or its alert closed: readings need not look again. */
    public void settled(AlertKind kind, String elderId) {
        Map<String, Long> memory = of(kind);
        if (memory != null && elderId != null) {
            memory.remove(elderId);
        }
    }
}
