package org.eldercare.beds.occupancy;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.web.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Bed-days per facility per month, by the rule in {@link BedDays}; station-ops bases subsidies on them. */
@ApplicationScoped
public class BedDaysService {

    private final Pool pool;

    public BedDaysService(Pool pool) {
        this.pool = pool;
    }

    public Uni<FacilityBedDays> ofFacility(UUID facilityId, YearMonth month) {
        return compute(month, facilityId, null).map(list -> {
            if (list.isEmpty()) {
                throw ProblemException.notFound("No facility " + facilityId + ".");
            }
            return list.get(0);
        });
    }

    /** Every facility open at some time in the month, optionally only those a given station runs. */
    public Uni<List<FacilityBedDays>> all(YearMonth month, String stationId) {
        return compute(month, null, stationId);
    }

    private Uni<List<FacilityBedDays>> compute(YearMonth month, UUID facilityId, String stationId) {
        LocalDate today = LocalDate.now(BedDays.ZONE);
        if (month.isAfter(YearMonth.from(today))) {
            return Uni.createFrom().failure(ProblemException.badRequest("Month " + month + " has not begun yet."));
        }
        BedDays.Window window = BedDays.window(month, today);
        Uni<List<Row>> facilities = pool.preparedQuery("""
                        SELECT id, code, name, kind, operating_station_id FROM facility
                        WHERE ($1::uuid IS NULL OR id = $1) AND ($2::text IS NULL OR operating_station_id = $2)
                          AND ($1::uuid IS NOT NULL OR (opened_on < $4 AND (closed_on IS NULL OR closed_on > $3)))
                        ORDER BY code""")
                .execute(Tuple.of(facilityId, stationId, window.from(), window.month().atEndOfMonth().plusDays(1)))
                .map(r -> Db.list(r, x -> x));
        Uni<List<Row>> stays = pool.preparedQuery("""
                        SELECT b.facility_id, b.bed_type, s.elder_id, s.admitted_at, s.discharged_at
                        FROM stay s JOIN bed b ON b.id = s.bed_id JOIN facility f ON f.id = b.facility_id
                        WHERE ($1::uuid IS NULL OR f.id = $1) AND ($2::text IS NULL OR f.operating_station_id = $2)
                          AND s.period && tstzrange($3, $4, '[)')""")
                .execute(Tuple.of(facilityId, stationId, Db.ts(window.start()), Db.ts(window.end())))
                .map(r -> Db.list(r, x -> x));
        return Uni.combine().all().unis(facilities, stays).asTuple().map(t -> {
            Map<UUID, long[]> byType = new HashMap<>();
            Map<UUID, Map<String, Long>> byElder = new HashMap<>();
            for (Row s : t.getItem2()) {
                long days = BedDays.count(Db.instant(s, "admitted_at"), Db.instant(s, "discharged_at"), window);
                if (days == 0) {
                    continue;
                }
                UUID f = s.getUUID("facility_id");
                long[] tally = byType.computeIfAbsent(f, k -> new long[2]);
                tally["NURSING".equals(s.getString("bed_type")) ? 0 : 1] += days;
                byElder.computeIfAbsent(f, k -> new TreeMap<>()).merge(s.getString("elder_id"), days, Long::sum);
            }
            List<FacilityBedDays> out = new ArrayList<>();
            for (Row f : t.getItem1()) {
                UUID id = f.getUUID("id");
                long[] tally = byType.getOrDefault(id, new long[2]);
                List<FacilityBedDays.ElderBedDays> elders = byElder.getOrDefault(id, new LinkedHashMap<>()).entrySet().stream()
                        .map(e -> new FacilityBedDays.ElderBedDays(e.getKey(), e.getValue())).toList();
                out.add(new FacilityBedDays(id, f.getString("code"), f.getString("name"), FacilityKind.valueOf(f.getString("kind")),
                        f.getString("operating_station_id"), month.toString(), window.complete(), window.days(),
                        tally[0] + tally[1], tally[0], tally[1], elders));
            }
            return out;
        });
    }
}
