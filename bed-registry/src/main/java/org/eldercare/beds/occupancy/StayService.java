package org.eldercare.beds.occupancy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.access.Access;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.FacilityService;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Admissions and discharges. No double occupancy is enforced by PostgreSQL: exclusion constraints
 * refuse two stays of one bed (or of one elder) whose periods overlap, so of two concurrent
 * admissions exactly one commits whatever the interleaving. The checks here only give the
 * common refusals a clear reason first.
 */
@ApplicationScoped
public class StayService {

    private static final String BED_AND_FACILITY = """
            SELECT b.id, b.label, b.status, b.in_service_from, b.decommissioned_on, f.id AS facility_id, f.code,
                   f.operating_station_id, f.opened_on, f.closed_on
            FROM bed b JOIN facility f ON f.id = b.facility_id WHERE b.id = $1""";

    private final Pool pool;

    public StayService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Stay> admit(UUID bedId, String elderId, Instant admittedAt, Instant dischargedAt, Caller caller) {
        Instant now = Instant.now();
        Instant admitted = admittedAt == null ? now : admittedAt;
        String timeProblem = StayRules.timesProblem(admitted, dischargedAt, now);
        if (timeProblem != null) {
            return Uni.createFrom().failure(ProblemException.badRequest(timeProblem));
        }
        Stay stay = new Stay(UUID.randomUUID(), bedId, null, elderId, admitted, dischargedAt, caller.subject());
        return pool.withTransaction(c -> c.preparedQuery(BED_AND_FACILITY + " FOR SHARE OF b").execute(Tuple.of(bedId)).flatMap(r -> {
                    Row bed = Db.first(r, x -> x);
                    if (bed == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No bed " + bedId + "."));
                    }
                    Access.requireOperate(caller, bed.getString("operating_station_id"), bed.getString("code"));
                    String problem = StayRules.serviceProblem("facility", bed.getLocalDate("opened_on"), bed.getLocalDate("closed_on"), admitted, dischargedAt);
                    if (problem == null) {
                        problem = StayRules.serviceProblem("bed", bed.getLocalDate("in_service_from"), bed.getLocalDate("decommissioned_on"), admitted, dischargedAt);
                    }
                    if (problem == null && dischargedAt == null && "SUSPENDED".equals(bed.getString("status"))) {
                        problem = "Bed " + bed.getString("label") + " is suspended and takes no admissions.";
                    }
                    if (problem != null) {
                        return Uni.createFrom().failure(ProblemException.conflict(problem));
                    }
                    Stay saved = new Stay(stay.id(), bedId, bed.getUUID("facility_id"), elderId, admitted, dischargedAt, caller.subject());
                    return c.preparedQuery("INSERT INTO stay (id, bed_id, elder_id, admitted_at, discharged_at, recorded_by) VALUES ($1,$2,$3,$4,$5,$6)")
                            .execute(Tuple.of(saved.id(), bedId, elderId, Db.ts(admitted), Db.ts(dischargedAt), caller.subject()))
                            .replaceWith(saved);
                }))
                .onFailure(t -> Db.is(t, Db.EXCLUSION_VIOLATION)).recoverWithUni(t -> overlapProblem(t, bedId, elderId, admitted, dischargedAt));
    }

    /** Explains which existing stay an admission collided with. */
    private Uni<Stay> overlapProblem(Throwable t, UUID bedId, String elderId, Instant from, Instant to) {
        boolean sameBed = String.valueOf(Db.pgError(t).getMessage()).contains("stay_no_double_occupancy");
        String sql = "SELECT * FROM stay WHERE " + (sameBed ? "bed_id = $1" : "elder_id = $1")
                + " AND period && tstzrange($2, $3, '[)') ORDER BY admitted_at LIMIT 1";
        return pool.preparedQuery(sql).execute(Tuple.of(sameBed ? bedId : elderId, Db.ts(from), Db.ts(to))).map(r -> {
            Stay other = Db.first(r, StayService::stay);
            String when = other == null ? "" : " (stay " + other.id() + " from " + other.admittedAt()
                    + (other.dischargedAt() == null ? ", still open" : " to " + other.dischargedAt()) + ")";
            Map<String, Object> ctx = new LinkedHashMap<>();
            if (other != null) {
                ctx.put("conflictingStayId", other.id().toString());
            }
            String detail = sameBed
                    ? "The bed is already occupied during that time" + when + "; a bed holds one elder at a time."
                    : "Elder " + elderId + " already occupies a bed during that time" + when + "; discharge that stay first.";
            throw ProblemException.conflict(detail, ctx);
        });
    }

    /** Ends an open stay. Of concurrent discharges of one stay, the first wins and the others get 409. */
    public Uni<Stay> discharge(UUID stayId, Instant dischargedAt, Caller caller) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT * FROM stay WHERE id = $1 FOR UPDATE").execute(Tuple.of(stayId))
                .flatMap(r -> {
                    Stay stay = Db.first(r, StayService::stay);
                    if (stay == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No stay " + stayId + "."));
                    }
                    return close(c, stay, dischargedAt, caller);
                }));
    }

    /** Discharges whoever occupies the bed now. */
    public Uni<Stay> dischargeBed(UUID bedId, Instant dischargedAt, Caller caller) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT * FROM stay WHERE bed_id = $1 AND discharged_at IS NULL FOR UPDATE")
                .execute(Tuple.of(bedId)).flatMap(r -> {
                    Stay stay = Db.first(r, StayService::stay);
                    if (stay == null) {
                        return bedExists(c, bedId).flatMap(exists -> Uni.createFrom().failure(exists
                                ? ProblemException.conflict("Bed " + bedId + " is not occupied; there is nobody to discharge.")
                                : ProblemException.notFound("No bed " + bedId + ".")));
                    }
                    return close(c, stay, dischargedAt, caller);
                }));
    }

    private Uni<Stay> close(SqlClient c, Stay stay, Instant dischargedAt, Caller caller) {
        return c.preparedQuery(BED_AND_FACILITY).execute(Tuple.of(stay.bedId())).flatMap(r -> {
            Row bed = Db.first(r, x -> x);
            Access.requireOperate(caller, bed.getString("operating_station_id"), bed.getString("code"));
            if (stay.dischargedAt() != null) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "Stay " + stay.id() + " was already discharged at " + stay.dischargedAt() + "."));
            }
            Instant now = Instant.now();
            Instant at = dischargedAt == null ? now : dischargedAt;
            String problem = StayRules.timesProblem(stay.admittedAt(), at, now);
            if (problem != null) {
                return Uni.createFrom().failure(ProblemException.badRequest(problem));
            }
            return c.preparedQuery("UPDATE stay SET discharged_at = $2 WHERE id = $1").execute(Tuple.of(stay.id(), Db.ts(at)))
                    .replaceWith(new Stay(stay.id(), stay.bedId(), bed.getUUID("facility_id"), stay.elderId(), stay.admittedAt(), at, stay.recordedBy()));
        });
    }

    public Uni<List<Stay>> ofBed(UUID bedId, Caller caller) {
        return pool.preparedQuery(BED_AND_FACILITY).execute(Tuple.of(bedId)).flatMap(r -> {
            Row bed = Db.first(r, x -> x);
            if (bed == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No bed " + bedId + "."));
            }
            Access.requireOperate(caller, bed.getString("operating_station_id"), bed.getString("code"));
            return pool.preparedQuery("SELECT s.*, b.facility_id FROM stay s JOIN bed b ON b.id = s.bed_id WHERE s.bed_id = $1 ORDER BY s.admitted_at")
                    .execute(Tuple.of(bedId)).map(rows -> Db.list(rows, StayService::stay));
        });
    }

    public Uni<List<Stay>> ofFacility(UUID facilityId, boolean openOnly, Caller caller) {
        return FacilityService.find(pool, facilityId).flatMap(f -> {
            if (f == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No facility " + facilityId + "."));
            }
            if (!caller.is(Roles.BUREAU)) {
                Access.requireOperate(caller, f.operatingStationId(), f.code());
            }
            return pool.preparedQuery("""
                            SELECT s.*, b.facility_id FROM stay s JOIN bed b ON b.id = s.bed_id
                            WHERE b.facility_id = $1 AND (NOT $2 OR s.discharged_at IS NULL) ORDER BY s.admitted_at""")
                    .execute(Tuple.of(facilityId, openOnly)).map(rows -> Db.list(rows, StayService::stay));
        });
    }

    private static Uni<Boolean> bedExists(SqlClient c, UUID bedId) {
        return c.preparedQuery("SELECT 1 FROM bed WHERE id = $1").execute(Tuple.of(bedId)).map(r -> r.size() > 0);
    }

    static Stay stay(Row r) {
        UUID facility = r.getColumnIndex("facility_id") >= 0 ? r.getUUID("facility_id") : null;
        return new Stay(r.getUUID("id"), r.getUUID("bed_id"), facility, r.getString("elder_id"), Db.instant(r, "admitted_at"),
                Db.instant(r, "discharged_at"), r.getString("recorded_by"));
    }
}
