package org.eldercare.visits.elder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.CareCircle;
import org.eldercare.visits.access.ElderAccess;
import org.eldercare.visits.circle.Assignment;
import org.eldercare.visits.circle.CareCircles;
import org.eldercare.visits.circle.CircleChange;
import org.eldercare.visits.plan.Planner;
import org.eldercare.visits.station.Station;
import org.eldercare.visits.visitor.PatrolVisitor;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Registering elders and keeping their care circles; every change publishes a new circle version. */
@ApplicationScoped
public class ElderService {

    private final NationalIdProtector protector;
    private final CareCircles circles;
    private final ElderAccess access;
    private final Planner planner;
    private final ObjectMapper json;

    public ElderService(NationalIdProtector protector, CareCircles circles, ElderAccess access, Planner planner, ObjectMapper json) {
        this.protector = protector;
        this.circles = circles;
        this.access = access;
        this.planner = planner;
        this.json = json;
    }

    @WithTransaction
    public Uni<ElderApi.ElderView> create(Caller caller, ElderApi.ElderRequest r) {
        if (!ElderAccess.canManage(caller, r.stationId())) {
            throw ProblemException.forbidden("Operators register elders of their own station only.");
        }
        NationalId nid = parseId(r);
        String hash = protector.lookupHash(nid);
        return Elder.<Elder>find("nationalIdHash", hash).firstResult()
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("An elder with this national ID is already registered as " + existing.id + ".",
                                Map.of("elderId", existing.id));
                    }
                })
                .chain(() -> requireStation(r.stationId()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("select nextval('elder_seq')", Long.class).getSingleResult()))
                .chain(seq -> {
                    Elder e = new Elder();
                    e.id = String.format("E%08d", seq);
                    e.nationalIdCipher = protector.encrypt(nid);
                    e.nationalIdHash = hash;
                    e.nationalIdMasked = nid.masked();
                    e.createdAt = Instant.now();
                    e.updatedAt = e.createdAt;
                    e.version = 0;
                    apply(e, r);
                    return e.persist().chain(() -> circles.changed(e, caller.subject(), "registered"))
                            .chain(c -> planner.refresh(e).replaceWith(ElderApi.ElderView.of(e, c)));
                });
    }

    @WithTransaction
    public Uni<ElderApi.ElderView> update(Caller caller, String id, ElderApi.ElderRequest r) {
        if (r.version() == null) {
            throw ProblemException.badRequest("version: required on update (the version you read).");
        }
        NationalId nid = parseId(r);
        return access.manageable(caller, id).chain(e -> {
            checkVersion(e, r.version());
            if (!ElderAccess.canManage(caller, r.stationId())) {
                throw ProblemException.forbidden("Operators cannot move an elder to another station.");
            }
            String hash = protector.lookupHash(nid);
            return Elder.<Elder>find("nationalIdHash = ?1 and id <> ?2", hash, id).firstResult()
                    .invoke(other -> {
                        if (other != null) {
                            throw ProblemException.conflict("Another elder (" + other.id + ") has this national ID.");
                        }
                    })
                    .chain(() -> requireStation(r.stationId()))
                    .chain(() -> {
                        if (!hash.equals(e.nationalIdHash)) {
                            e.nationalIdCipher = protector.encrypt(nid);
                            e.nationalIdHash = hash;
                            e.nationalIdMasked = nid.masked();
                        }
                        apply(e, r);
                        return circles.changed(e, caller.subject(), "details updated");
                    })
                    .chain(c -> planner.refresh(e).replaceWith(ElderApi.ElderView.of(e, c)));
        });
    }

    @WithTransaction
    public Uni<ElderApi.ElderView> setFamily(Caller caller, String id, ElderApi.FamilyRequest r) {
        return access.manageable(caller, id).chain(e -> {
            checkVersion(e, r.version());
            List<FamilyContact> contacts = new ArrayList<>();
            for (ElderApi.FamilyContactDto d : r.contacts()) {
                FamilyContact f = new FamilyContact();
                f.elderId = id;
                f.userId = d.userId() == null || d.userId().isBlank() ? null : d.userId();
                f.name = d.name();
                f.relation = d.relation();
                f.phone = d.phone();
                f.priority = d.priority();
                f.channels = String.join(",", new java.util.TreeSet<>(d.channels()));
                if (f.userId == null && f.channels.contains("APP")) {
                    throw ProblemException.unprocessable("Family contact " + d.name() + " has no app user id, so cannot be reached by APP.");
                }
                contacts.add(f);
            }
            return FamilyContact.delete("elderId", id)
                    .chain(() -> contacts.isEmpty() ? Uni.createFrom().voidItem() : FamilyContact.persist(contacts))
                    .chain(() -> circles.changed(e, caller.subject(), "family contacts set: " + contacts.size()))
                    .map(c -> ElderApi.ElderView.of(e, c));
        });
    }

    @WithTransaction
    public Uni<ElderApi.ElderView> setVisitors(Caller caller, String id, ElderApi.VisitorsRequest r) {
        if (new HashSet<>(r.visitorIds()).size() != r.visitorIds().size()) {
            throw ProblemException.badRequest("visitorIds: a visitor is listed twice.");
        }
        return access.manageable(caller, id).chain(e -> {
            checkVersion(e, r.version());
            Uni<List<PatrolVisitor>> found = r.visitorIds().isEmpty() ? Uni.createFrom().item(List.of())
                    : PatrolVisitor.list("id in ?1 and active = true", r.visitorIds());
            return found.chain(vs -> {
                if (vs.size() != r.visitorIds().size()) {
                    List<String> known = vs.stream().map(v -> v.id).toList();
                    List<String> missing = r.visitorIds().stream().filter(v -> !known.contains(v)).toList();
                    throw ProblemException.unprocessable("Unknown or inactive patrol visitors: " + missing + ".");
                }
                List<Assignment> as = new ArrayList<>();
                for (int i = 0; i < r.visitorIds().size(); i++) {
                    Assignment a = new Assignment();
                    a.elderId = id;
                    a.visitorId = r.visitorIds().get(i);
                    a.position = i;
                    as.add(a);
                }
                return Assignment.delete("elderId", id).call(Panache::flush)
                        .chain(() -> as.isEmpty() ? Uni.createFrom().voidItem() : Assignment.persist(as))
                        .chain(() -> circles.changed(e, caller.subject(), "visitors assigned: " + r.visitorIds()))
                        .chain(c -> planner.refresh(e).replaceWith(ElderApi.ElderView.of(e, c)));
            });
        });
    }

    @WithSession
    public Uni<ElderApi.ElderView> get(Caller caller, String id) {
        return access.readable(caller, id)
                .chain(e -> circles.snapshots(List.of(e)).map(cs -> ElderApi.ElderView.of(e, cs.get(0))));
    }

    /** The elders the caller may see, by id, after {@code after}. */
    @WithSession
    public Uni<List<ElderApi.ElderView>> list(Caller caller, String after, int limit, String stationId, String areaCode) {
        String from = after == null ? "" : after;
        Uni<List<Elder>> elders;
        if (caller.is(Roles.BUREAU) || caller.is(Roles.SERVICE) || caller.is(Roles.OPERATOR)) {
            String station = caller.is(Roles.OPERATOR) && !caller.is(Roles.BUREAU) ? caller.stationId() : stationId;
            StringBuilder q = new StringBuilder("id > :after");
            Map<String, Object> params = new java.util.HashMap<>(Map.of("after", from));
            if (station != null) {
                q.append(" and stationId = :station");
                params.put("station", station);
            }
            if (areaCode != null) {
                q.append(" and areaCode = :area");
                params.put("area", areaCode);
            }
            elders = Elder.find(q.append(" order by id").toString(), params).page(0, limit).list();
        } else if (caller.is(Roles.VISITOR)) {
            elders = access.visibleToVisitor(caller.subject()).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : Elder.find("id > ?1 and id in ?2 order by id", from, ids).page(0, limit).list());
        } else {
            elders = access.familyElders(caller.subject()).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : Elder.find("id > ?1 and id in ?2 order by id", from, ids).page(0, limit).list());
        }
        return elders.chain(es -> circles.snapshots(es).map(cs -> {
            List<ElderApi.ElderView> out = new ArrayList<>();
            for (int i = 0; i < es.size(); i++) {
                out.add(ElderApi.ElderView.of(es.get(i), cs.get(i)));
            }
            return out;
        }));
    }

    @WithSession
    public Uni<List<ElderApi.HistoryEntry>> history(Caller caller, String id) {
        return access.manageable(caller, id)
                .chain(e -> CircleChange.<CircleChange>list("elderId = ?1 order by version", id))
                .map(hs -> hs.stream().map(h -> new ElderApi.HistoryEntry(h.version, h.changedAt, h.changedBy, h.summary,
                        read(h.snapshot))).toList());
    }

    private CareCircle read(String snapshot) {
        try {
            return json.readValue(snapshot, CareCircle.class);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("unreadable care-circle history", ex);
        }
    }

    private static NationalId parseId(ElderApi.ElderRequest r) {
        NationalId nid;
        try {
            nid = NationalId.parse(r.nationalId());
        } catch (IllegalArgumentException ex) {
            throw ProblemException.badRequest("nationalId: " + ex.getMessage() + ".");
        }
        if (!nid.birthDate().equals(r.birthDate())) {
            throw ProblemException.badRequest("birthDate: does not match the birth date in the national ID.");
        }
        return nid;
    }

    private static void checkVersion(Elder e, Long expected) {
        if (expected == null || expected != e.version) {
            throw ProblemException.conflict("Elder " + e.id + " changed since you read it: you sent version " + expected
                    + ", the current version is " + e.version + ". Read it again and reapply your change.",
                    Map.of("currentVersion", e.version));
        }
    }

    private static Uni<Station> requireStation(String stationId) {
        return Station.<Station>findById(stationId).onItem().ifNull()
                .failWith(() -> ProblemException.unprocessable("No station " + stationId + ": register it first."));
    }

    private static void apply(Elder e, ElderApi.ElderRequest r) {
        e.name = r.name().trim();
        e.birthDate = r.birthDate();
        e.gender = r.gender().name();
        e.address = r.address().trim();
        e.homeLat = r.home().lat();
        e.homeLon = r.home().lon();
        e.areaCode = r.areaCode();
        e.stationId = r.stationId();
        e.categories(r.careCategories());
        e.riskLevel = r.riskLevel().name();
        e.checkInEnabled = r.checkIn() == null ? null : r.checkIn().enabled();
        e.checkInDeadline = r.checkIn() == null ? null : r.checkIn().deadline();
        e.safeZoneEnabled = r.safeZone() != null && r.safeZone().enabled();
        e.safeZoneRadius = r.safeZone() == null ? null : r.safeZone().radiusMeters();
        e.safeZoneLat = r.safeZone() == null || r.safeZone().center() == null ? null : r.safeZone().center().lat();
        e.safeZoneLon = r.safeZone() == null || r.safeZone().center() == null ? null : r.safeZone().center().lon();
        e.hrMin = r.vitals() == null ? null : r.vitals().hrMin();
        e.hrMax = r.vitals() == null ? null : r.vitals().hrMax();
        e.spo2Min = r.vitals() == null ? null : r.vitals().spo2Min();
        if (r.monitoringConsent() && !e.monitoringConsent) {
            e.consentAt = Instant.now();
        } else if (!r.monitoringConsent()) {
            e.consentAt = null;
        }
        e.monitoringConsent = r.monitoringConsent();
        e.active = r.active() == null || r.active();
    }
}
