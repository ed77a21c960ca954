package org.eldercare.visits.circle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.Topics;
import org.eldercare.visits.elder.CarePolicy;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.elder.FamilyContact;
import org.eldercare.visits.outbox.Outbox;
import org.eldercare.visits.station.Station;
import org.eldercare.visits.visitor.PatrolVisitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Care-circle snapshots: built in bulk for the snapshot API, and on every change bumped to a new
 * version, written to the history and queued for publication, all in the caller's transaction.
 */
@ApplicationScoped
public class CareCircles {

    private final CarePolicy policy;
    private final Outbox outbox;
    private final ObjectMapper json;

    public CareCircles(CarePolicy policy, Outbox outbox, ObjectMapper json) {
        this.policy = policy;
        this.outbox = outbox;
        this.json = json;
    }

    /** Must run in a transaction: bumps the version, records the change, queues the snapshot. */
    public Uni<CareCircle> changed(Elder elder, String by, String summary) {
        elder.version++;
        elder.updatedAt = Instant.now();
        return Panache.flush()
                .chain(() -> snapshots(List.of(elder)))
                .chain(list -> {
                    CareCircle c = list.get(0);
                    CircleChange h = new CircleChange();
                    h.elderId = elder.id;
                    h.version = elder.version;
                    h.changedAt = elder.updatedAt;
                    h.changedBy = by;
                    h.summary = summary.length() > 300 ? summary.substring(0, 300) : summary;
                    try {
                        h.snapshot = json.writeValueAsString(c);
                    } catch (JsonProcessingException e) {
                        return Uni.createFrom().failure(e);
                    }
                    return h.persist().chain(() -> outbox.add(Topics.careCircle(elder.id), c)).replaceWith(c);
                });
    }

    /** Every elder of these whose circle includes the visitor or station gets a new version. */
    public Uni<Void> changedAll(List<Elder> elders, String by, String summary) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Elder e : elders) {
            chain = chain.chain(() -> changed(e, by, summary)).replaceWithVoid();
        }
        return chain;
    }

    /** Snapshots of the given elders, in their order, with four queries whatever their number. */
    public Uni<List<CareCircle>> snapshots(List<Elder> elders) {
        if (elders.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = elders.stream().map(e -> e.id).toList();
        List<String> stationIds = elders.stream().map(e -> e.stationId).distinct().toList();
        return FamilyContact.<FamilyContact>list("elderId in ?1 order by priority, id", ids)
                .chain(family -> Assignment.<Assignment>list("elderId in ?1 order by position", ids)
                        .chain(assignments -> {
                            List<String> visitorIds = assignments.stream().map(a -> a.visitorId).distinct().toList();
                            Uni<List<PatrolVisitor>> visitors = visitorIds.isEmpty() ? Uni.createFrom().item(List.<PatrolVisitor>of())
                                    : PatrolVisitor.list("id in ?1", visitorIds);
                            return visitors.chain(vs -> Station.<Station>list("stationId in ?1", stationIds).map(stations -> {
                                Map<String, List<FamilyContact>> familyBy = family.stream()
                                        .collect(Collectors.groupingBy(f -> f.elderId));
                                Map<String, PatrolVisitor> visitorById = new HashMap<>();
                                vs.forEach(v -> visitorById.put(v.id, v));
                                Map<String, List<PatrolVisitor>> visitorsBy = new HashMap<>();
                                for (Assignment a : assignments) {
                                    PatrolVisitor v = visitorById.get(a.visitorId);
                                    if (v != null && v.active) {
                                        visitorsBy.computeIfAbsent(a.elderId, k -> new ArrayList<>()).add(v);
                                    }
                                }
                                Map<String, Station> stationById = stations.stream().collect(Collectors.toMap(s -> s.stationId, s -> s));
                                return elders.stream().map(e -> CircleAssembler.build(e, familyBy.getOrDefault(e.id, List.of()),
                                        visitorsBy.getOrDefault(e.id, List.of()), stationById.get(e.stationId), policy)).toList();
                            }));
                        }));
    }
}
