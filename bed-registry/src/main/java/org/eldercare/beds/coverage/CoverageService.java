package org.eldercare.beds.coverage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.area.AreaLevel;
import org.eldercare.beds.area.Population;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.beds.occupancy.BedDays;
import org.eldercare.beds.plan.PlanService;
import org.eldercare.web.ProblemException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the counts behind coverage for one date in one consistent snapshot and hands them to
 * {@link CoverageCalculator}. Population is each community's figure for the date's year, or its
 * latest earlier year when that year's figures are not in yet.
 */
@ApplicationScoped
public class CoverageService {

    private final Pool pool;
    private final PlanService plans;

    public CoverageService(Pool pool, PlanService plans) {
        this.pool = pool;
        this.plans = plans;
    }

    /**
     * One month of a trend: coverage at the month's end (today for the running month), and the
     * month's utilisation by bed-days: bed-days of counted beds ÷ the bed-days those beds were in service.
     */
    public record TrendPoint(String month, LocalDate date, CoverageTarget plan, long bedDays, long availableBedDays,
                             BigDecimal bedDayUtilisationPercent, AreaCoverage coverage) {
    }

    public Uni<CoverageReport> coverage(String areaId, LocalDate date, String planCode) {
        return snapshot(c -> compute(c, areaId, date, planCode));
    }

    /** Coverage at the end of each month from {@code from} to {@code to} (the current month: today). */
    public Uni<List<TrendPoint>> trend(String areaId, YearMonth from, YearMonth to, String planCode) {
        LocalDate today = LocalDate.now(BedDays.ZONE);
        if (to.isBefore(from)) {
            return Uni.createFrom().failure(ProblemException.badRequest("'to' (" + to + ") is before 'from' (" + from + ")."));
        }
        if (from.plusMonths(120).isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("A trend covers at most 120 months."));
        }
        if (to.isAfter(YearMonth.from(today))) {
            return Uni.createFrom().failure(ProblemException.badRequest("'to' (" + to + ") is in the future."));
        }
        return snapshot(c -> {
            Uni<List<TrendPoint>> chain = Uni.createFrom().item(new ArrayList<>());
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                YearMonth month = m;
                LocalDate day = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
                chain = chain.flatMap(list -> compute(c, areaId, day, planCode).flatMap(r -> monthBedDays(c, r, month, today).map(bd -> {
                    list.add(new TrendPoint(month.toString(), day, r.plan(), bd[0], bd[1],
                            CoverageCalculator.ratio(bd[0], 100, bd[1]), strip(r.coverage())));
                    return list;
                })));
            }
            return chain;
        });
    }

    /** Bed-days of the counted beds in the area during the month, and the bed-days they were in service. */
    private Uni<long[]> monthBedDays(SqlConnection c, CoverageReport r, YearMonth month, LocalDate today) {
        BedDays.Window w = BedDays.window(month, today);
        String[] communities = communities(r.coverage(), new ArrayList<>()).toArray(String[]::new);
        String[] kinds = (r.plan() == null ? EnumSet.allOf(FacilityKind.class) : r.plan().countedKinds()).stream()
                .map(Enum::name).toArray(String[]::new);
        Uni<Long> available = c.preparedQuery("""
                        SELECT coalesce(sum(GREATEST(0, LEAST(coalesce(b.decommissioned_on, 'infinity'::date),
                                                              coalesce(f.closed_on, 'infinity'::date), $3::date)
                                                        - GREATEST(b.in_service_from, f.opened_on, $2::date))), 0) AS days
                        FROM bed b JOIN facility f ON f.id = b.facility_id WHERE f.area_id = ANY($1) AND f.kind = ANY($4)""")
                .execute(Tuple.of(communities, w.from(), w.toExclusive(), kinds)).map(rows -> Db.first(rows, x -> x.getLong("days")));
        Uni<Long> used = c.preparedQuery("""
                        SELECT s.admitted_at, s.discharged_at FROM stay s JOIN bed b ON b.id = s.bed_id JOIN facility f ON f.id = b.facility_id
                        WHERE f.area_id = ANY($1) AND f.kind = ANY($4) AND s.period && tstzrange($2, $3, '[)')""")
                .execute(Tuple.of(communities, Db.ts(w.start()), Db.ts(w.end()), kinds)).map(rows -> {
                    long sum = 0;
                    for (Row s : rows) {
                        sum += BedDays.count(Db.instant(s, "admitted_at"), Db.instant(s, "discharged_at"), w);
                    }
                    return sum;
                });
        return used.flatMap(u -> available.map(a -> new long[]{u, a}));
    }

    private static List<String> communities(AreaCoverage a, List<String> into) {
        if (a.level() == AreaLevel.COMMUNITY) {
            into.add(a.areaId());
        }
        a.children().forEach(ch -> communities(ch, into));
        return into;
    }

    private <T> Uni<T> snapshot(java.util.function.Function<SqlConnection, Uni<T>> work) {
        // One repeatable-read snapshot, so that a district read while beds are being added still equals the sum of its parts.
        return pool.withTransaction(c -> c.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                .flatMap(x -> work.apply(c)));
    }

    private Uni<CoverageReport> compute(SqlConnection c, String areaId, LocalDate date, String planCode) {
        return c.preparedQuery("""
                        WITH RECURSIVE up AS (SELECT id, parent_id, level FROM area WHERE id = $1
                                              UNION ALL SELECT a.id, a.parent_id, a.level FROM area a JOIN up ON a.id = up.parent_id)
                        SELECT id FROM up WHERE parent_id IS NULL""")
                .execute(Tuple.of(areaId)).flatMap(r -> {
                    String district = Db.first(r, x -> x.getString("id"));
                    if (district == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No area '" + areaId + "'."));
                    }
                    return plans.resolve(c, district, date.getYear(), planCode).flatMap(target -> {
                        if (target == null && planCode != null) {
                            return Uni.createFrom().failure(ProblemException.notFound("Plan '" + planCode
                                    + "' has no targets for district " + district + " in or before " + date.getYear() + "."));
                        }
                        return tallies(c, areaId, date, target).map(in -> new CoverageReport(date, target,
                                CoverageCalculator.rollUp(areaId, in.areas(), in.communities(), target)));
                    });
                });
    }

    private record Inputs(List<CoverageCalculator.Node> areas, Map<String, Tally> communities) {
    }

    private Uni<Inputs> tallies(SqlConnection c, String rootId, LocalDate date, CoverageTarget target) {
        Set<FacilityKind> counted = target == null ? EnumSet.allOf(FacilityKind.class) : target.countedKinds();
        return c.preparedQuery("""
                        WITH RECURSIVE t AS (SELECT * FROM area WHERE id = $1 UNION ALL SELECT a.* FROM area a JOIN t ON a.parent_id = t.id)
                        SELECT id, name, level, parent_id FROM t""").execute(Tuple.of(rootId)).flatMap(ar -> {
            List<CoverageCalculator.Node> areas = Db.list(ar, x -> new CoverageCalculator.Node(x.getString("id"), x.getString("name"),
                    AreaLevel.valueOf(x.getString("level")), x.getString("parent_id")));
            String[] communities = areas.stream().filter(a -> a.level() == AreaLevel.COMMUNITY).map(CoverageCalculator.Node::id)
                    .toArray(String[]::new);
            Tuple args = Tuple.of(communities, date);
            Uni<List<Row>> population = c.preparedQuery("""
                            SELECT DISTINCT ON (area_id) * FROM area_population
                            WHERE area_id = ANY($1) AND year <= extract(year FROM $2::date) ORDER BY area_id, year DESC""")
                    .execute(args).map(r -> Db.list(r, x -> x));
            Uni<List<Row>> facilities = c.preparedQuery("""
                            SELECT area_id, kind, count(*) AS n, sum(nursing_staff) AS staff FROM facility
                            WHERE area_id = ANY($1) AND opened_on <= $2 AND (closed_on IS NULL OR closed_on > $2)
                            GROUP BY area_id, kind""")
                    .execute(args).map(r -> Db.list(r, x -> x));
            // Occupied on a day follows the bed-day rule: admitted on or before it, discharged after it (Asia/Shanghai).
            Uni<List<Row>> beds = c.preparedQuery("""
                            SELECT f.area_id, f.kind, b.bed_type, count(*) AS n,
                                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM stay s WHERE s.bed_id = b.id
                                       AND (s.admitted_at AT TIME ZONE 'Asia/Shanghai')::date <= $2
                                       AND (s.discharged_at IS NULL OR (s.discharged_at AT TIME ZONE 'Asia/Shanghai')::date > $2))) AS occupied
                            FROM bed b JOIN facility f ON f.id = b.facility_id
                            WHERE f.area_id = ANY($1) AND f.opened_on <= $2 AND (f.closed_on IS NULL OR f.closed_on > $2)
                              AND b.in_service_from <= $2 AND (b.decommissioned_on IS NULL OR b.decommissioned_on > $2)
                            GROUP BY f.area_id, f.kind, b.bed_type""")
                    .execute(args).map(r -> Db.list(r, x -> x));
            // One connection runs one query at a time: chain rather than combine.
            return population.flatMap(p -> facilities.flatMap(f -> beds.map(b -> {
                Map<String, Population> pop = new HashMap<>();
                for (Row r : p) {
                    pop.put(r.getString("area_id"), new Population(r.getInteger("year"), r.getLong("resident_population"),
                            r.getLong("aged_60_plus"), r.getLong("aged_80_plus"), r.getLong("disabled_elders")));
                }
                Map<String, Map<FacilityKind, KindTally>> byKind = new HashMap<>();
                for (Row r : f) {
                    byKind.computeIfAbsent(r.getString("area_id"), k -> new EnumMap<>(FacilityKind.class))
                            .merge(FacilityKind.valueOf(r.getString("kind")),
                                    new KindTally(r.getLong("n"), r.getLong("staff"), 0, 0, 0), KindTally::plus);
                }
                for (Row r : b) {
                    boolean nursing = "NURSING".equals(r.getString("bed_type"));
                    long n = r.getLong("n");
                    byKind.computeIfAbsent(r.getString("area_id"), k -> new EnumMap<>(FacilityKind.class))
                            .merge(FacilityKind.valueOf(r.getString("kind")),
                                    new KindTally(0, 0, nursing ? n : 0, nursing ? 0 : n, r.getLong("occupied")), KindTally::plus);
                }
                Set<String> ids = new HashSet<>(pop.keySet());
                ids.addAll(byKind.keySet());
                Map<String, Tally> tallies = new HashMap<>();
                for (String id : ids) {
                    tallies.put(id, Tally.ofCommunity(pop.get(id), byKind.getOrDefault(id, Map.of()), counted));
                }
                return new Inputs(areas, tallies);
            })));
        });
    }

    private static AreaCoverage strip(AreaCoverage a) {
        return new AreaCoverage(a.areaId(), a.name(), a.level(), a.residents(), a.aged60Plus(), a.aged80Plus(), a.disabledElders(),
                a.countedBeds(), a.nursingBeds(), a.generalBeds(), a.occupiedBeds(), a.allBeds(), a.bedsPer1000(),
                a.targetBedsPer1000(), a.requiredBeds(), a.bedsGap(), a.nursingSharePercent(), a.targetNursingSharePercent(),
                a.requiredNursingBeds(), a.nursingBedsGap(), a.utilisationPercent(), a.careStaff(), a.careStaffPer10000Elders(),
                a.targetCareStaffPer10000Elders(), a.requiredCareStaff(), a.careStaffGap(), a.institutions(), a.careCentres(),
                a.stations(), a.homeCareBeds(), a.targetStations(), a.stationsGap(), a.targetCareCentres(), a.careCentresGap(),
                a.targetHomeCareBeds(), a.homeCareBedsGap(), List.of());
    }
}
