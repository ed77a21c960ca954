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
import org.eldercare.beds.facility.FacilityImporter;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.beds.plan.Plan;
import org.eldercare.beds.plan.PlanService;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the demo district (示范区 Demo District) from {@code seed/} on the classpath: areas,
 * population, facilities with their beds, and the plan. Every step skips what is already there, so
 * loading twice changes nothing. Runs at start-up when {@code eldercare.seed.enabled} is true (the
 * default outside tests) and on {@code POST /api/admin/seed}.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    public record Result(int areas, int populationRows, int facilitiesAdded, int bedsAdded, boolean planAdded) {
    }

    private record PlanFile(String code, String name, String areaId, Set<FacilityKind> countedKinds, List<Plan.Target> targets) {
    }

    private final Pool pool;
    private final AreaService areas;
    private final FacilityImporter importer;
    private final PlanService plans;
    private final ObjectMapper json;
    private final boolean enabled;

    public SeedLoader(Pool pool, AreaService areas, FacilityImporter importer, PlanService plans,
                      ObjectMapper json, @ConfigProperty(name = "eldercare.seed.enabled", defaultValue = "false") boolean enabled) {
        this.pool = pool;
        this.areas = areas;
        this.importer = importer;
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
                        .flatMap(p -> importer.importCsv(resource("facilities.csv"), true).flatMap(fb -> loadPlan().map(planAdded ->
                                new Result(a, p, fb.facilities(), fb.beds(), planAdded)))));
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
