package org.eldercare.beds.plan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.coverage.CoverageTarget;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.web.ProblemException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class PlanService {

    private final Pool pool;

    public PlanService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Plan> create(Plan plan) {
        return pool.withTransaction(c -> create(c, plan))
                .onFailure(t -> Db.is(t, Db.UNIQUE_VIOLATION))
                .transform(t -> ProblemException.conflict("Plan '" + plan.code() + "' already exists; add targets to it instead."));
    }

    public Uni<Plan> create(SqlClient c, Plan plan) {
        return c.preparedQuery("SELECT level FROM area WHERE id = $1").execute(Tuple.of(plan.areaId())).flatMap(r -> {
            String level = Db.first(r, x -> x.getString("level"));
            if (level == null) {
                return Uni.createFrom().failure(ProblemException.unprocessable("Area '" + plan.areaId() + "' does not exist."));
            }
            if (!"DISTRICT".equals(level)) {
                return Uni.createFrom().failure(ProblemException.unprocessable("A plan belongs to a district; '" + plan.areaId() + "' is a " + level.toLowerCase() + "."));
            }
            String[] kinds = plan.countedKinds().stream().map(Enum::name).sorted().toArray(String[]::new);
            return c.preparedQuery("INSERT INTO plan (code, name, area_id, counted_kinds) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(plan.code(), plan.name(), plan.areaId(), kinds))
                    .flatMap(x -> plan.targets().isEmpty() ? Uni.createFrom().voidItem() : upsertTargets(c, plan.code(), plan.targets()))
                    .flatMap(x -> get(c, plan.code()));
        });
    }

    public Uni<Plan> putTarget(String code, Plan.Target target) {
        return pool.withTransaction(c -> get(c, code).flatMap(p -> upsertTargets(c, code, List.of(target)))
                .flatMap(x -> get(c, code)));
    }

    public Uni<Plan> get(String code) {
        return get(pool, code);
    }

    public Uni<List<Plan>> list() {
        return pool.query("SELECT code FROM plan ORDER BY code").execute()
                .flatMap(r -> {
                    List<String> codes = Db.list(r, x -> x.getString("code"));
                    if (codes.isEmpty()) {
                        return Uni.createFrom().item(List.<Plan>of());
                    }
                    return Uni.join().all(codes.stream().map(this::get).toList()).andFailFast();
                });
    }

    private static Uni<Plan> get(SqlClient c, String code) {
        return c.preparedQuery("SELECT * FROM plan WHERE code = $1").execute(Tuple.of(code)).flatMap(r -> {
            Row p = Db.first(r, x -> x);
            if (p == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No plan '" + code + "'."));
            }
            return c.preparedQuery("SELECT * FROM plan_target WHERE plan_code = $1 ORDER BY year").execute(Tuple.of(code))
                    .map(t -> new Plan(code, p.getString("name"), p.getString("area_id"), kinds(p), Db.list(t, PlanService::target)));
        });
    }

    /**
     * The targets that apply to a district in a year: the named plan (or, without a name, the plan
     * with the latest target year) at its latest target year not after {@code year}. Null when none.
     */
    public Uni<CoverageTarget> resolve(SqlClient c, String districtId, int year, String planCode) {
        return c.preparedQuery("""
                        SELECT p.code, p.name, p.area_id, p.counted_kinds, t.* FROM plan p JOIN plan_target t ON t.plan_code = p.code
                        WHERE p.area_id = $1 AND t.year <= $2 AND ($3::text IS NULL OR p.code = $3)
                        ORDER BY t.year DESC, p.created_at DESC LIMIT 1""")
                .execute(Tuple.of(districtId, year, planCode)).map(r -> Db.first(r, row -> {
                    Plan.Target t = target(row);
                    return new CoverageTarget(row.getString("code"), row.getString("name"), row.getString("area_id"), t.year(),
                            t.bedsPer1000(), t.nursingSharePercent(), t.careStaffPer10000Elders(), t.stations(), t.careCentres(),
                            t.homeCareBeds(), kinds(row));
                }));
    }

    private static Uni<Void> upsertTargets(SqlClient c, String code, List<Plan.Target> targets) {
        List<Tuple> rows = targets.stream().map(t -> Tuple.from(java.util.Arrays.<Object>asList(code, t.year(), t.bedsPer1000(), t.nursingSharePercent(),
                t.careStaffPer10000Elders(), t.stations(), t.careCentres(), t.homeCareBeds()))).toList();
        return c.preparedQuery("""
                        INSERT INTO plan_target (plan_code, year, beds_per_1000, nursing_share_percent, care_staff_per_10000_elders,
                                                 stations, care_centres, home_care_beds)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (plan_code, year) DO UPDATE SET beds_per_1000 = excluded.beds_per_1000,
                            nursing_share_percent = excluded.nursing_share_percent,
                            care_staff_per_10000_elders = excluded.care_staff_per_10000_elders, stations = excluded.stations,
                            care_centres = excluded.care_centres, home_care_beds = excluded.home_care_beds, updated_at = now()""")
                .executeBatch(rows).replaceWithVoid();
    }

    private static Set<FacilityKind> kinds(Row r) {
        String[] kinds = r.getArrayOfStrings("counted_kinds");
        return kinds.length == 0 ? EnumSet.noneOf(FacilityKind.class)
                : Arrays.stream(kinds).map(FacilityKind::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(FacilityKind.class)));
    }

    private static Plan.Target target(Row r) {
        return new Plan.Target(r.getInteger("year"), r.getBigDecimal("beds_per_1000"), r.getBigDecimal("nursing_share_percent"),
                r.getBigDecimal("care_staff_per_10000_elders"), r.getInteger("stations"), r.getInteger("care_centres"),
                r.getInteger("home_care_beds"));
    }

}
