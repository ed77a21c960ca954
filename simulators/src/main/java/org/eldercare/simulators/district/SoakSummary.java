package org.eldercare.simulators.district;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a living district did over a run, for the soak summary: incidents staged, alerts seen (by
 * the notifications that reached the apps), how fast the first notification of each alert came after
 * its incident, alerts closed and how long that took, and the field's trouble (coverage gaps,
 * reconnects, garbage) beside what the gateway rejected.
 */
public final class SoakSummary {

    private volatile long startedAt = System.currentTimeMillis();
    private final Map<String, AtomicLong> staged = new ConcurrentHashMap<>();
    private final Set<String> alerts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> alertsByKind = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> firstNotificationMs = new ConcurrentHashMap<>();
    private final AtomicLong toVisitors = new AtomicLong();
    private final AtomicLong toFamilies = new AtomicLong();
    private final List<Long> closedAfterMs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong bursts = new AtomicLong();
    private final AtomicLong flushed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Map<String, AtomicLong> garbage = new ConcurrentHashMap<>();

    /** The district is loaded and running: the soak's time counts from here. */
    public void begin() {
        startedAt = System.currentTimeMillis();
    }

    public void staged(String incident) {
        staged.computeIfAbsent(incident, k -> new AtomicLong()).incrementAndGet();
    }

    /** A notification reached an app; {@code sinceIncidentMs} is -1 when no staged incident explains it. */
    public void notified(String alertId, String kind, boolean family, long sinceIncidentMs) {
        (family ? toFamilies : toVisitors).incrementAndGet();
        if (alerts.add(alertId)) {
            alertsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            // Only a recent incident explains the alert (the same elder may have had one long ago).
            if (sinceIncidentMs >= 0 && sinceIncidentMs < 600_000) {
                firstNotificationMs.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(sinceIncidentMs);
            }
        }
    }

    public void closed(long sinceFirstNotificationMs) {
        if (sinceFirstNotificationMs >= 0) {
            closedAfterMs.add(sinceFirstNotificationMs);
        } else {
            closedAfterMs.add(-1L);
        }
    }

    public void buffered() {
        buffered.incrementAndGet();
    }

    public void burst(int samples) {
        bursts.incrementAndGet();
        flushed.addAndGet(samples);
    }

    public void reconnect() {
        reconnects.incrementAndGet();
    }

    public void garbage(String expectedReason) {
        garbage.computeIfAbsent(expectedReason, k -> new AtomicLong()).incrementAndGet();
    }

    /** The summary as text; {@code rejects} = the gateway's quarantine counts for this district's watches. */
    public String report(Map<String, Long> rejects) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "=== soak summary: %.1f minutes ===%n", (System.currentTimeMillis() - startedAt) / 60_000.0));
        b.append("incidents staged:        ").append(counts(staged)).append('\n');
        b.append("alerts seen:             ").append(alerts.size()).append(' ').append(counts(alertsByKind)).append('\n');
        b.append(String.format(Locale.ROOT, "notifications received:  %d (patrol visitors %d, families %d)%n",
                toVisitors.get() + toFamilies.get(), toVisitors.get(), toFamilies.get()));
        b.append("incident -> first notification of its alert, by kind (the fall waits out the 30 s cancel window):\n");
        new TreeMap<>(firstNotificationMs).forEach((kind, ms) -> b.append(String.format(Locale.ROOT,
                "    %-16s n=%-4d p50 %6.2f s   p99 %6.2f s   max %6.2f s%n", kind, ms.size(),
                pct(ms, 50) / 1000.0, pct(ms, 99) / 1000.0, pct(ms, 100) / 1000.0)));
        List<Long> closed;
        synchronized (closedAfterMs) {
            closed = closedAfterMs.stream().filter(x -> x >= 0).toList();
        }
        b.append(String.format(Locale.ROOT, "alerts closed:           %d (first notification -> closed: p50 %.1f s, p99 %.1f s)%n",
                closedAfterMs.size(), pct(closed, 50) / 1000.0, pct(closed, 99) / 1000.0));
        b.append(String.format(Locale.ROOT, "field:                   %d samples kept in coverage gaps, %d bursts flushing %d samples, %d reconnects%n",
                buffered.get(), bursts.get(), flushed.get(), reconnects.get()));
        long sent = garbage.values().stream().mapToLong(AtomicLong::get).sum();
        long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
        b.append("garbage sent:            ").append(sent).append(' ').append(counts(garbage)).append('\n');
        b.append("rejected by the gateway: ").append(rejected).append(' ').append(rejects).append('\n');
        return b.toString();
    }

    private static String counts(Map<String, AtomicLong> m) {
        Map<String, Long> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted.toString();
    }

    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
