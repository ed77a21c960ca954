package org.eldercare.beds.facility;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.access.Access;
import org.eldercare.beds.area.AreaLevel;
import org.eldercare.beds.db.Db;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FacilityService {

    private static final String COLUMNS = """
            id, code, name, kind, area_id, owner_type, operator_name, operating_station_id, star_rating,
            licensed_capacity, nursing_staff, opened_on, closed_on""";

    private final Pool pool;

    public FacilityService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Facility> create(Facility f) {
        Facility withId = new Facility(UUID.randomUUID(), f.code(), f.name(), f.kind(), f.areaId(), f.ownerType(),
                f.operatorName(), f.operatingStationId(), f.starRating(), f.licensedCapacity(), f.nursingStaff(),
                f.openedOn(), f.closedOn());
        return pool.withTransaction(c -> create(c, withId));
    }

    /** Inserts within the caller's transaction (the seed loader uses one transaction for the whole district). */
    public Uni<Facility> create(SqlClient c, Facility f) {
        return checkArea(c, f).flatMap(ok -> c.preparedQuery("INSERT INTO facility (" + COLUMNS + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)")
                        .execute(tuple(f)).replaceWith(f))
                .onFailure(t -> Db.is(t, Db.UNIQUE_VIOLATION))
                .transform(t -> ProblemException.conflict("A facility with code '" + f.code() + "' already exists."));
    }

    public Uni<Facility> update(UUID id, Facility f) {
        Facility withId = new Facility(id, f.code(), f.name(), f.kind(), f.areaId(), f.ownerType(), f.operatorName(),
                f.operatingStationId(), f.starRating(), f.licensedCapacity(), f.nursingStaff(), f.openedOn(), f.closedOn());
        return pool.withTransaction(c -> checkArea(c, withId).flatMap(ok -> staysAfterClosing(c, withId)).flatMap(ok -> c.preparedQuery("""
                        UPDATE facility SET code = $2, name = $3, kind = $4, area_id = $5, owner_type = $6, operator_name = $7,
                            operating_station_id = $8, star_rating = $9, licensed_capacity = $10, nursing_staff = $11,
                            opened_on = $12, closed_on = $13 WHERE id = $1""")
                .execute(tuple(withId))).flatMap(r -> r.rowCount() == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("No facility " + id + "."))
                        : Uni.createFrom().item(withId)))
                .onFailure(t -> Db.is(t, Db.UNIQUE_VIOLATION))
                .transform(t -> ProblemException.conflict("A facility with code '" + f.code() + "' already exists."));
    }

    /** The facility, if the caller may see it: the bureau any, an operator those its station runs. */
    public Uni<Facility> get(UUID id, Caller caller) {
        return find(pool, id).map(f -> {
            if (f == null) {
                throw ProblemException.notFound("No facility " + id + ".");
            }
            if (!caller.is(Roles.BUREAU) && !caller.is(Roles.SERVICE)) {
                Access.requireOperate(caller, f.operatingStationId(), f.code());
            }
            return f;
        });
    }

    public Uni<List<Facility>> list(String areaId, FacilityKind kind, String stationId, Caller caller) {
        // Operators see only the facilities their own station runs, whatever they ask for.
        String station = caller.is(Roles.BUREAU) ? stationId : caller.stationId();
        if (!caller.is(Roles.BUREAU) && station == null) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " " + """
                         FROM facility WHERE ($1::text IS NULL OR area_id = $1) AND ($2::text IS NULL OR kind = $2)
                         AND ($3::text IS NULL OR operating_station_id = $3) ORDER BY code""")
                .execute(Tuple.of(areaId, kind == null ? null : kind.name(), station))
                .map(r -> Db.list(r, FacilityService::facility));
    }

    public static Uni<Facility> find(SqlClient c, UUID id) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM facility WHERE id = $1").execute(Tuple.of(id))
                .map(r -> Db.first(r, FacilityService::facility));
    }

    /** A facility cannot close while elders still stay in it on or after the closing day. */
    private static Uni<Boolean> staysAfterClosing(SqlClient c, Facility f) {
        if (f.closedOn() == null) {
            return Uni.createFrom().item(true);
        }
        return c.preparedQuery("""
                        SELECT count(*) AS n FROM stay s JOIN bed b ON b.id = s.bed_id WHERE b.facility_id = $1
                        AND (s.discharged_at IS NULL OR (s.discharged_at AT TIME ZONE 'Asia/Shanghai')::date > $2)""")
                .execute(Tuple.of(f.id(), f.closedOn())).map(r -> {
                    long n = Db.first(r, x -> x.getLong("n"));
                    if (n > 0) {
                        throw ProblemException.conflict(n + " stay(s) in facility " + f.code() + " last beyond " + f.closedOn()
                                + "; discharge them before closing it.");
                    }
                    return true;
                });
    }

    private static Uni<Boolean> checkArea(SqlClient c, Facility f) {
        if (f.closedOn() != null && !f.closedOn().isAfter(f.openedOn())) {
            return Uni.createFrom().failure(ProblemException.unprocessable("closedOn must be after openedOn."));
        }
        return c.preparedQuery("SELECT level FROM area WHERE id = $1").execute(Tuple.of(f.areaId())).map(r -> {
            String level = Db.first(r, row -> row.getString("level"));
            if (level == null) {
                throw ProblemException.unprocessable("Area '" + f.areaId() + "' does not exist.");
            }
            // Facilities sit in communities so that every larger area's counts are exactly the sum of its parts.
            if (!AreaLevel.COMMUNITY.name().equals(level)) {
                throw ProblemException.unprocessable("A facility is placed in a community; '" + f.areaId() + "' is a "
                        + level.toLowerCase() + ".");
            }
            return true;
        });
    }

    private static Tuple tuple(Facility f) {
        return Tuple.from(java.util.Arrays.<Object>asList(f.id(), f.code(), f.name(), f.kind().name(), f.areaId(), f.ownerType().name(),
                f.operatorName(), f.operatingStationId(), f.starRating(), f.licensedCapacity(), f.nursingStaff(),
                f.openedOn(), f.closedOn()));
    }

    static Facility facility(Row r) {
        return new Facility(r.getUUID("id"), r.getString("code"), r.getString("name"), FacilityKind.valueOf(r.getString("kind")),
                r.getString("area_id"), OwnerType.valueOf(r.getString("owner_type")), r.getString("operator_name"),
                r.getString("operating_station_id"), r.getInteger("star_rating"), r.getInteger("licensed_capacity"),
                r.getInteger("nursing_staff"), r.getLocalDate("opened_on"), r.getLocalDate("closed_on"));
    }
}
