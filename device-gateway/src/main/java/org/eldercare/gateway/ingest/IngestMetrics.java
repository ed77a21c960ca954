package org.eldercare.gateway.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.PlatformEventType;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's ingest counters, for Prometheus at /q/metrics. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<PlatformEventType, Counter> unbound = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder("eldercare.gateway.rejected").tag("reason", r.name())
                    .description("Messages refused, by reason (DUPLICATE: counted, not quarantined)").register(registry));
        }
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }

    public void accepted(String kind) {
        accepted.computeIfAbsent(kind, k -> Counter.builder("eldercare.gateway.accepted").tag("kind", k)
                .description("Messages stored (and announced), by kind").register(registry)).increment();
    }

    /** An event from a watch bound to no elder: stored, not announced, and worth an operator's look. */
    public void unboundEvent(PlatformEventType type) {
        unbound.computeIfAbsent(type, t -> Counter.builder("eldercare.gateway.unbound.events").tag("type", t.name())
                .description("Events from watches bound to no elder, kept but not announced").register(registry)).increment();
    }

    /** Time of one database round trip of a batch (transaction included), by kind. */
    public io.micrometer.core.instrument.Timer batchWrites(String kind) {
        return io.micrometer.core.instrument.Timer.builder("eldercare.gateway.batch.write").tag("kind", kind)
                .description("Database time per batch, by kind").register(registry);
    }

    /** From a VitalsBatch handed to the broker client to its PUBACK. */
    public io.micrometer.core.instrument.Timer vitalsPublications() {
        return io.micrometer.core.instrument.Timer.builder("eldercare.gateway.vitals.publish")
                .description("Time from a VitalsBatch publication to the broker's PUBACK").register(registry);
    }

    /** VITALS events of a batch whose publication failed after the samples were acknowledged. */
    public void vitalsLost(int events) {
        Counter.builder("eldercare.gateway.vitals.lost").description("VITALS events not published (broker failure)")
                .register(registry).increment(events);
    }

    public DistributionSummary batchSizes(String kind) {
        return DistributionSummary.builder("eldercare.gateway.batch.size").tag("kind", kind)
                .description("Rows per database round trip").register(registry);
    }
}
