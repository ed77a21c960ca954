package org.eldercare.beds.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eldercare.beds.area.AreaService;
import org.eldercare.beds.bed.BedService;
import org.eldercare.beds.bed.BedType;
import org.eldercare.beds.csv.CsvTable;
import org.eldercare.beds.db.Db;
import org.eldercare.beds.facility.Facility;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.beds.facility.FacilityService;
import org.eldercare.beds.facility.OwnerType;
import org.eldercare.beds.plan.Plan;
import org.eldercare.beds.plan.PlanService;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Loads the demo district (示范区 Demo District) from {@code seed/} on the classpath: areas,
 * population, facilities with their beds, and the plan. Every step skips what is already there, so
 * loading twice changes nothing. Runs at start-up when {@code eldercare.seed.enabled} is true (the
 * default outside tests) and on {@code POST /api/admin/seed}.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    private static final List<String> FACILITY_COLUMNS = List.of("code", "name", "kind", "area_id", "owner_type", "operator_name",
            "operating_station_id", "star_rating", "licensed_capacity", "nursing_staff", "opened_on", "closed_on",
            "nursing_beds", "general_beds");

    public record Result(int areas, int populationRows, int facilitiesAdded, int bedsAdded, boolean planAdded) {
    }

    private record PlanFile(String code, String name, String areaId, Set<FacilityKind> countedKinds, List<Plan.Target> targets) {
    }

    private final Pool pool;
    private final AreaService areas;
    private final FacilityService facilities;
    private final BedService beds;
    private final PlanService plans;
    private final ObjectMapper json;
    private final boolean enabled;

    public SeedLoader(Pool pool, AreaService areas, FacilityService facilities, BedService beds, PlanService plans,
                      ObjectMapper json, @ConfigProperty(name = "eldercare.seed.enabled", defaultValue = "false") boolean enabled) {
        this.pool = pool;
        this.areas = areas;
        this.facilities = facilities;
        this.beds = beds;
        this.plans = plans;
        this.json = json;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        try {
            Result r = load().await().indefinitely();
            LOG.infof("Demo district seed: %s", r);
        } catch (RuntimeException e) {
            // The service is useful without the demo data; say why it is missing and carry on.
            LOG.error("Loading the demo district seed failed", e);
        }
    }

    public Uni<Result> load() {
        return areas.importAreas(resource("areas.csv"))
                .flatMap(a -> areas.importPopulation(resource("population.csv"))
                        .flatMap(p -> loadFacilities().flatMap(fb -> loadPlan().map(planAdded ->
                                new Result(a, p, fb[0], fb[1], planAdded)))));
    }

    private Uni<int[]> loadFacilities() {
        CsvTable table = CsvTable.read(resource("facilities.csv"), FACILITY_COLUMNS, List.of());
        if (!table.errors().isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("seed/facilities.csv is invalid: " + table.errors()));
        }
        return pool.withTransaction(c -> c.query("SELECT code FROM facility").execute().flatMap(r -> {
            Set<String> existing = new HashSet<>(Db.list(r, x -> x.getString("code")));
            Uni<int[]> chain = Uni.createFrom().item(new int[2]);
            for (CsvTable.Record rec : table.records()) {
                if (existing.contains(rec.text("code"))) {
                    continue;
                }
                Facility f = facility(rec);
                int nursing = Integer.parseInt(rec.text("nursing_beds"));
                int general = Integer.parseInt(rec.text("general_beds"));
                chain = chain.flatMap(n -> facilities.create(c, f)
                        .flatMap(x -> nursing == 0 ? Uni.createFrom().item(List.of()) : beds.add(c, f.id(), "N-", nursing, BedType.NURSING, null))
                        .flatMap(x -> general == 0 ? Uni.createFrom().item(List.of()) : beds.add(c, f.id(), "G-", general, BedType.GENERAL, null))
                        .map(x -> {
                            n[0]++;
                            n[1] += nursing + general;
                            return n;
                        }));
            }
            return chain;
        }));
    }

    private Uni<Boolean> loadPlan() {
        PlanFile file;
        try {
            file = json.readValue(resource("plan.json"), PlanFile.class);
        } catch (IOException e) {
            return Uni.createFrom().failure(new UncheckedIOException("seed/plan.json is invalid", e));
        }
        Plan plan = new Plan(file.code(), file.name(), file.areaId(), EnumSet.copyOf(file.countedKinds()), file.targets());
        return pool.preparedQuery("SELECT 1 FROM plan WHERE code = $1").execute(Tuple.of(plan.code()))
                .flatMap(r -> r.size() > 0 ? Uni.createFrom().item(false) : plans.create(plan).replaceWith(true));
    }

    private static Facility facility(CsvTable.Record r) {
        String star = r.text("star_rating");
        String closed = r.text("closed_on");
        return new Facility(UUID.randomUUID(), r.text("code"), r.text("name"), FacilityKind.valueOf(r.text("kind")),
                r.text("area_id"), OwnerType.valueOf(r.text("owner_type")), r.text("operator_name"), r.text("operating_station_id"),
                star == null ? null : Integer.valueOf(star), Integer.parseInt(r.text("licensed_capacity")),
                Integer.parseInt(r.text("nursing_staff")), LocalDate.parse(r.text("opened_on")),
                closed == null ? null : LocalDate.parse(closed));
    }

    private static String resource(String name) {
        try (InputStream in = SeedLoader.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("seed/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
