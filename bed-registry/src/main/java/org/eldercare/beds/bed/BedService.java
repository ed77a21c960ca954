package org.eldercare.beds.bed;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.Facility;
import org.eldercare.beds.facility.FacilityService;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BedService {

    private static final String SELECT = """
            SELECT b.*, s.id AS stay_id, s.elder_id FROM bed b
            LEFT JOIN stay s ON s.bed_id = b.id AND s.discharged_at IS NULL""";

    private final Pool pool;
    private final FacilityService facilities;

    public BedService(Pool pool, FacilityService facilities) {
        this.pool = pool;
        this.facilities = facilities;
    }

    /** Adds {@code count} beds labelled {@code prefix}1, {@code prefix}2, ... (or exactly {@code prefix} for one bed). */
    public Uni<List<Bed>> add(UUID facilityId, String prefix, int count, BedType type, LocalDate inServiceFrom) {
        return pool.withTransaction(c -> add(c, facilityId, prefix, count, type, inServiceFrom))
                .onFailure(t -> Db.is(t, Db.UNIQUE_VIOLATION))
                .transform(t -> ProblemException.conflict("The facility already has a bed with one of these labels."));
    }

    public Uni<List<Bed>> add(SqlClient c, UUID facilityId, String prefix, int count, BedType type, LocalDate inServiceFrom) {
        return FacilityService.find(c, facilityId).flatMap(f -> {
            if (f == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No facility " + facilityId + "."));
            }
            LocalDate from = inServiceFrom == null ? f.openedOn() : inServiceFrom;
            if (from.isBefore(f.openedOn())) {
                return Uni.createFrom().failure(ProblemException.unprocessable(
                        "A bed cannot be in service (" + from + ") before its facility opened (" + f.openedOn() + ")."));
            }
            List<Bed> beds = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String label = count == 1 ? prefix : prefix + i;
                beds.add(new Bed(UUID.randomUUID(), facilityId, label, type, BedStatus.IN_SERVICE, from, null, null, null));
            }
            List<Tuple> rows = beds.stream().map(b -> Tuple.of(b.id(), b.facilityId(), b.label(), b.type().name(),
                    b.status().name(), b.inServiceFrom())).toList();
            return c.preparedQuery("INSERT INTO bed (id, facility_id, label, bed_type, status, in_service_from) VALUES ($1,$2,$3,$4,$5,$6)")
                    .executeBatch(rows).replaceWith(beds);
        });
    }

    public Uni<List<Bed>> list(UUID facilityId, Caller caller) {
        return facilities.get(facilityId, caller).flatMap(f -> pool.preparedQuery(SELECT + " WHERE b.facility_id = $1 ORDER BY b.label")
                .execute(Tuple.of(facilityId)).map(r -> Db.list(r, BedService::bed)));
    }

    /**
     * Suspends, resumes or decommissions a bed. Decommissioning takes a date from which the bed no
     * longer counts, and is refused while a stay still occupies the bed on or after that date.
     */
    public Uni<Bed> setStatus(UUID bedId, BedStatus status, LocalDate effectiveOn) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT * FROM bed WHERE id = $1 FOR UPDATE").execute(Tuple.of(bedId))
                .flatMap(r -> {
                    Row row = Db.first(r, x -> x);
                    if (row == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No bed " + bedId + "."));
                    }
                    if (BedStatus.DECOMMISSIONED.name().equals(row.getString("status"))) {
                        return Uni.createFrom().failure(ProblemException.conflict("Bed " + row.getString("label")
                                + " was decommissioned on " + row.getLocalDate("decommissioned_on") + "; register a new bed instead."));
                    }
                    if (status != BedStatus.DECOMMISSIONED) {
                        return c.preparedQuery("UPDATE bed SET status = $2 WHERE id = $1").execute(Tuple.of(bedId, status.name()))
                                .flatMap(x -> get(c, bedId));
                    }
                    if (effectiveOn == null) {
                        return Uni.createFrom().failure(ProblemException.badRequest("Decommissioning needs effectiveOn, the first day the bed no longer counts."));
                    }
                    if (!effectiveOn.isAfter(row.getLocalDate("in_service_from"))) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("effectiveOn must be after the bed's first day in service ("
                                + row.getLocalDate("in_service_from") + ")."));
                    }
                    return c.preparedQuery("""
                                    SELECT count(*) AS n FROM stay WHERE bed_id = $1
                                    AND (discharged_at IS NULL OR (discharged_at AT TIME ZONE 'Asia/Shanghai')::date > $2)""")
                            .execute(Tuple.of(bedId, effectiveOn)).flatMap(n -> {
                                if (Db.first(n, x -> x.getLong("n")) > 0) {
                                    return Uni.createFrom().failure(ProblemException.conflict(
                                            "Bed " + row.getString("label") + " is occupied on or after " + effectiveOn + "; discharge first."));
                                }
                                return c.preparedQuery("UPDATE bed SET status = 'DECOMMISSIONED', decommissioned_on = $2 WHERE id = $1")
                                        .execute(Tuple.of(bedId, effectiveOn)).flatMap(x -> get(c, bedId));
                            });
                }));
    }

    private static Uni<Bed> get(SqlClient c, UUID bedId) {
        return c.preparedQuery(SELECT + " WHERE b.id = $1").execute(Tuple.of(bedId)).map(r -> Db.first(r, BedService::bed));
    }

    static Bed bed(Row r) {
        return new Bed(r.getUUID("id"), r.getUUID("facility_id"), r.getString("label"), BedType.valueOf(r.getString("bed_type")),
                BedStatus.valueOf(r.getString("status")), r.getLocalDate("in_service_from"), r.getLocalDate("decommissioned_on"),
                r.getString("elder_id"), r.getUUID("stay_id"));
    }
}
