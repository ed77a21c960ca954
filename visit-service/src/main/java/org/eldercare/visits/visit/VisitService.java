package org.eldercare.visits.visit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.visits.VisitSettings;
import org.eldercare.visits.access.ElderAccess;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.geo.Geo;
import org.eldercare.visits.idempotency.Idempotency;
import org.eldercare.visits.outbox.Outbox;
import org.eldercare.visits.plan.Planner;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Starting, recording and completing visits, each write once per client id. Edits name the version
 * they were made on; an edit on an older version is refused with the current record, never merged
 * silently. Completing a visit queues VISIT_COMPLETED, which the alert service counts as a check-in.
 */
@ApplicationScoped
public class VisitService {

    /** Phones' clocks drift; a time further ahead than this is a broken clock, not a drift. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Offline visits are sent when coverage returns; older than this is not a delayed upload. */
    static final Duration MAX_OFFLINE_AGE = Duration.ofDays(7);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ElderAccess access;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final Planner planner;
    private final ObjectMapper json;
    private final int farStartMeters;

    public VisitService(ElderAccess access, Idempotency idempotency, Outbox outbox, Planner planner, ObjectMapper json,
                        VisitSettings settings) {
        this.access = access;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.planner = planner;
        this.json = json;
        this.farStartMeters = settings.farStartMeters();
    }

    @WithTransaction
    public Uni<Idempotency.Outcome> start(Caller caller, VisitApi.StartVisit r) {
        return idempotency.once(r.clientId(), caller.subject(), "START", r, () -> {
            if (!caller.is(Roles.VISITOR)) {
                throw ProblemException.forbidden("Only patrol visitors start visits.");
            }
            checkClientTime("startedAt", r.startedAt());
            if (r.kind() == VisitApi.Kind.IN_PERSON && r.position() == null) {
                throw ProblemException.badRequest("position: required for an IN_PERSON visit.");
            }
            return Elder.<Elder>findById(r.elderId())
                    .onItem().ifNull().failWith(() -> ProblemException.notFound("No elder " + r.elderId() + "."))
                    .call(e -> access.visitorSees(caller.subject(), e.id).invoke(ok -> {
                        if (!ok) {
                            throw ProblemException.forbidden("Elder " + e.id + " is not assigned to you.");
                        }
                    }))
                    .chain(e -> Visit.<Visit>findById(r.visitId()).chain(existing -> {
                        if (existing != null) {
                            throw conflict("Visit " + r.visitId() + " was already started by another write.", existing);
                        }
                        if (!e.active) {
                            throw ProblemException.unprocessable("Elder " + e.id + " has left the programme.");
                        }
                        Visit v = new Visit();
                        v.id = r.visitId();
                        v.elderId = e.id;
                        v.visitorId = caller.subject();
                        v.status = VisitApi.Status.STARTED.name();
                        v.kind = r.kind().name();
                        v.startedAt = r.startedAt();
                        if (r.position() != null) {
                            v.startLat = r.position().lat();
                            v.startLon = r.position().lon();
                            v.startAcc = r.position().acc();
                            v.startDistanceMeters = (int) Math.round(Geo.distanceMeters(v.startLat, v.startLon, e.homeLat, e.homeLon));
                            // A phone visit can be made from anywhere; only a visit in person must start at the door.
                            v.farFromHome = r.kind() == VisitApi.Kind.IN_PERSON && v.startDistanceMeters > farStartMeters;
                        }
                        v.version = 1;
                        touch(v, caller);
                        return v.persist().map(x -> new Idempotency.Outcome(201, idempotency.tree(view(v))));
                    }));
        });
    }

    @WithTransaction
    public Uni<Idempotency.Outcome> record(Caller caller, String visitId, VisitApi.RecordVisit r) {
        return idempotency.once(r.clientId(), caller.subject(), "RECORD " + visitId, r, () -> editable(caller, visitId)
                .map(v -> {
                    checkClientTime("recordedAt", r.recordedAt());
                    if (r.baseVersion() != v.version) {
                        throw conflict("Visit " + visitId + " is at version " + v.version + " but your edit was made on version "
                                + r.baseVersion() + ": it was changed by someone else, or earlier edits of yours have not arrived yet. "
                                + "Nothing was overwritten; merge with the current record and resend.", v);
                    }
                    v.condition = r.condition().name();
                    v.needs = write(r.needs());
                    v.hazards = write(r.hazards());
                    v.followUps = write(r.followUps());
                    v.note = r.note();
                    v.version++;
                    touch(v, caller);
                    return new Idempotency.Outcome(200, idempotency.tree(view(v)));
                }));
    }

    @WithTransaction
    public Uni<Idempotency.Outcome> complete(Caller caller, String visitId, VisitApi.CompleteVisit r) {
        return idempotency.once(r.clientId(), caller.subject(), "COMPLETE " + visitId, r, () -> editable(caller, visitId)
                .chain(v -> {
                    checkClientTime("completedAt", r.completedAt());
                    if (!caller.subject().equals(v.visitorId)) {
                        throw ProblemException.forbidden("Only the visitor who made the visit completes it.");
                    }
                    if (VisitApi.Status.COMPLETED.name().equals(v.status)) {
                        throw conflict("Visit " + visitId + " was already completed by another write.", v);
                    }
                    if (r.baseVersion() != null && r.baseVersion() != v.version) {
                        throw conflict("Visit " + visitId + " is at version " + v.version + ", not " + r.baseVersion() + ".", v);
                    }
                    if (v.condition == null) {
                        throw ProblemException.unprocessable("Record the elder's condition before completing visit " + visitId + ".");
                    }
                    if (r.completedAt().isBefore(v.startedAt)) {
                        throw ProblemException.badRequest("completedAt: before the visit started (" + v.startedAt + ").");
                    }
                    v.status = VisitApi.Status.COMPLETED.name();
                    v.completedAt = r.completedAt();
                    v.completedReceivedAt = Instant.now();
                    v.version++;
                    touch(v, caller);
                    GeoPoint loc = r.position() == null ? null : new GeoPoint(r.position().lat(), r.position().lon(), r.position().acc());
                    PlatformEvent event = new PlatformEvent("visit:" + v.id, PlatformEventType.VISIT_COMPLETED, v.elderId, null,
                            v.visitorId, v.id, v.completedAt.toEpochMilli(), v.completedReceivedAt.toEpochMilli(), loc, null,
                            null, null, null, null, null, null, null, null, null, v.id);
                    return planner.fulfil(v.elderId, v.id, v.kind, v.completedAt)
                            .chain(() -> outbox.add(Topics.event(PlatformEventType.VISIT_COMPLETED, v.elderId), event))
                            .map(x -> new Idempotency.Outcome(200, idempotency.tree(view(v))));
                }));
    }

    @WithSession
    public Uni<VisitApi.VisitView> get(Caller caller, String visitId) {
        return Visit.<Visit>findById(visitId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No visit " + visitId + "."))
                .call(v -> access.readable(caller, v.elderId))
                .map(this::view);
    }

    @WithSession
    public Uni<List<VisitApi.VisitView>> ofElder(Caller caller, String elderId, int limit) {
        return access.readable(caller, elderId)
                .chain(e -> Visit.<Visit>find("elderId = ?1 order by startedAt desc", elderId).page(0, limit).list())
                .map(vs -> vs.stream().map(this::view).toList());
    }

    /** The visit, locked, if the caller may change it: its visitor (still allowed to see the elder) or the elder's station. */
    private Uni<Visit> editable(Caller caller, String visitId) {
        return Visit.<Visit>findById(visitId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No visit " + visitId
                        + " on the server: if the app started it offline, send its START first."))
                .call(v -> Elder.<Elder>findById(v.elderId).chain(e -> {
                    if (caller.is(Roles.BUREAU) || ElderAccess.canManage(caller, e.stationId)) {
                        return Uni.createFrom().voidItem();
                    }
                    if (caller.is(Roles.VISITOR) && caller.subject().equals(v.visitorId)) {
                        return access.visitorSees(caller.subject(), e.id).invoke(ok -> {
                            if (!ok) {
                                throw ProblemException.forbidden("Elder " + e.id + " is no longer assigned to you.");
                            }
                        }).replaceWithVoid();
                    }
                    throw ProblemException.forbidden("Visit " + visitId + " is not yours to change.");
                }));
    }

    private static void checkClientTime(String field, Instant t) {
        Instant now = Instant.now();
        if (t.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.badRequest(field + ": in the future (" + t + "); check the phone's clock.");
        }
        if (t.isBefore(now.minus(MAX_OFFLINE_AGE))) {
            throw ProblemException.unprocessable(field + ": more than " + MAX_OFFLINE_AGE.toDays() + " days old; enter it at the station.");
        }
    }

    private ProblemException conflict(String detail, Visit current) {
        return ProblemException.conflict(detail, Map.of("current", idempotency.tree(view(current))));
    }

    private static void touch(Visit v, Caller caller) {
        v.updatedAt = Instant.now();
        v.updatedBy = caller.subject();
    }

    VisitApi.VisitView view(Visit v) {
        GeoPoint start = v.startLat == null ? null : new GeoPoint(v.startLat, v.startLon, v.startAcc);
        return new VisitApi.VisitView(v.id, v.elderId, v.visitorId, VisitApi.Status.valueOf(v.status), VisitApi.Kind.valueOf(v.kind),
                v.startedAt, start, v.startDistanceMeters, v.farFromHome,
                v.condition == null ? null : VisitApi.Condition.valueOf(v.condition),
                read(v.needs), read(v.hazards), read(v.followUps), v.note, v.completedAt, v.version);
    }

    private String write(List<String> l) {
        try {
            return json.writeValueAsString(l);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String s) {
        if (s == null) {
            return null;
        }
        try {
            return json.readValue(s, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable visit record", e);
        }
    }
}
