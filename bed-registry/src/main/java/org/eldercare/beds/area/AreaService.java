package org.eldercare.beds.area;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.csv.CsvImportProblem;
import org.eldercare.beds.csv.CsvTable;
import org.eldercare.beds.db.Db;
import org.eldercare.web.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Areas of the district tree and their yearly population. */
@ApplicationScoped
public class AreaService {

    static final List<String> AREA_COLUMNS = List.of("id", "name", "level", "parent_id");
    static final List<String> POPULATION_COLUMNS =
            List.of("area_id", "year", "resident_population", "aged_60_plus", "aged_80_plus", "disabled_elders");

    private final Pool pool;

    public AreaService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Area> create(Area area) {
        return pool.withTransaction(c -> find(c, area.parentId()).flatMap(parent -> {
            String problem = Area.placementProblem(area.level(), parent, area.parentId());
            if (problem != null) {
                return Uni.createFrom().failure(ProblemException.unprocessable(problem));
            }
            return c.preparedQuery("INSERT INTO area (id, name, level, parent_id) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(area.id(), area.name(), area.level().name(), area.parentId()))
                    .replaceWith(area);
        })).onFailure(t -> Db.is(t, Db.UNIQUE_VIOLATION))
                .transform(t -> ProblemException.conflict("Area '" + area.id() + "' already exists."));
    }

    public Uni<Area> get(String id) {
        return find(pool, id).onItem().ifNull().failWith(() -> ProblemException.notFound("No area '" + id + "'."));
    }

    public Uni<List<Area>> list(String parentId) {
        if (parentId == null) {
            return pool.query("SELECT * FROM area ORDER BY id").execute().map(r -> Db.list(r, AreaService::area));
        }
        return pool.preparedQuery("SELECT * FROM area WHERE parent_id = $1 ORDER BY id").execute(Tuple.of(parentId))
                .map(r -> Db.list(r, AreaService::area));
    }

    /** The area and all areas below it. */
    public Uni<List<Area>> subtree(SqlClient c, String rootId) {
        return c.preparedQuery("""
                        WITH RECURSIVE t AS (SELECT * FROM area WHERE id = $1
                                             UNION ALL SELECT a.* FROM area a JOIN t ON a.parent_id = t.id)
                        SELECT * FROM t""")
                .execute(Tuple.of(rootId)).map(r -> Db.list(r, AreaService::area));
    }

    /**
     * Imports areas; parents may come earlier in the same file. An existing id keeps its place in the
     * tree (a different level or parent is refused) and takes the new name. All rows or none.
     */
    public Uni<Integer> importAreas(String csv) {
        CsvTable table = CsvTable.read(csv, AREA_COLUMNS, List.of());
        if (!table.errors().isEmpty()) {
            return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
        }
        return pool.withTransaction(c -> c.query("SELECT * FROM area FOR UPDATE").execute().flatMap(rows -> {
            Map<String, Area> known = new HashMap<>();
            Db.list(rows, AreaService::area).forEach(a -> known.put(a.id(), a));
            List<Area> accepted = new ArrayList<>();
            for (CsvTable.Record r : table.records()) {
                Area a = parseArea(r, table, known);
                if (a != null) {
                    known.put(a.id(), a);
                    accepted.add(a);
                }
            }
            if (!table.errors().isEmpty()) {
                return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
            }
            List<Tuple> batch = accepted.stream()
                    .map(a -> Tuple.of(a.id(), a.name(), a.level().name(), a.parentId())).toList();
            return c.preparedQuery("""
                            INSERT INTO area (id, name, level, parent_id) VALUES ($1, $2, $3, $4)
                            ON CONFLICT (id) DO UPDATE SET name = excluded.name""")
                    .executeBatch(batch).replaceWith(accepted.size());
        }));
    }

    private static Area parseArea(CsvTable.Record r, CsvTable table, Map<String, Area> known) {
        String id = r.text("id");
        String name = r.text("name");
        String levelText = r.text("level");
        String parentId = r.text("parent_id");
        if (id == null || name == null || levelText == null) {
            table.reject(r.line(), "id, name and level are required");
            return null;
        }
        AreaLevel level;
        try {
            level = AreaLevel.valueOf(levelText.toUpperCase());
        } catch (IllegalArgumentException e) {
            table.reject(r.line(), "level '" + levelText + "' is not one of DISTRICT, STREET, COMMUNITY");
            return null;
        }
        String problem = Area.placementProblem(level, parentId == null ? null : known.get(parentId), parentId);
        if (problem != null) {
            table.reject(r.line(), problem);
            return null;
        }
        Area existing = known.get(id);
        if (existing != null && (existing.level() != level || !java.util.Objects.equals(existing.parentId(), parentId))) {
            table.reject(r.line(), "area '" + id + "' already exists as a " + existing.level().name().toLowerCase()
                    + (existing.parentId() == null ? "" : " under '" + existing.parentId() + "'") + "; its place in the tree cannot change");
            return null;
        }
        return new Area(id, name, level, parentId);
    }

    public Uni<Population> putPopulation(String areaId, Population p) {
        String problem = Population.inconsistency(p.residents(), p.aged60Plus(), p.aged80Plus(), p.disabledElders());
        if (problem != null) {
            return Uni.createFrom().failure(ProblemException.unprocessable(problem));
        }
        return pool.withTransaction(c -> find(c, areaId).flatMap(area -> {
            if (area == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No area '" + areaId + "'."));
            }
            if (area.level() != AreaLevel.COMMUNITY) {
                return Uni.createFrom().failure(ProblemException.unprocessable(
                        "Population is recorded on communities; '" + areaId + "' is a " + area.level().name().toLowerCase()
                                + " and its population is the sum of its communities."));
            }
            return upsertPopulation(c, List.of(Tuple.of(areaId, p.year(), p.residents(), p.aged60Plus(), p.aged80Plus(), p.disabledElders())))
                    .replaceWith(p);
        }));
    }

    public Uni<List<Population>> population(String areaId) {
        return get(areaId).flatMap(a -> pool.preparedQuery("SELECT * FROM area_population WHERE area_id = $1 ORDER BY year")
                .execute(Tuple.of(areaId)).map(r -> Db.list(r, AreaService::population)));
    }

    /** Imports population figures (one community and year per row, replacing earlier figures). All rows or none. */
    public Uni<Integer> importPopulation(String csv) {
        CsvTable table = CsvTable.read(csv, POPULATION_COLUMNS, List.of());
        if (!table.errors().isEmpty()) {
            return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
        }
        return pool.withTransaction(c -> c.query("SELECT * FROM area").execute().flatMap(rows -> {
            Map<String, Area> known = new HashMap<>();
            Db.list(rows, AreaService::area).forEach(a -> known.put(a.id(), a));
            List<Tuple> batch = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (CsvTable.Record r : table.records()) {
                Tuple t = parsePopulation(r, table, known);
                if (t != null && !seen.add(t.getString(0) + "/" + t.getInteger(1))) {
                    table.reject(r.line(), "area " + t.getString(0) + " and year " + t.getInteger(1) + " appear twice in the file");
                } else if (t != null) {
                    batch.add(t);
                }
            }
            if (!table.errors().isEmpty()) {
                return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
            }
            return upsertPopulation(c, batch).replaceWith(batch.size());
        }));
    }

    private static Tuple parsePopulation(CsvTable.Record r, CsvTable table, Map<String, Area> known) {
        String areaId = r.text("area_id");
        Area area = areaId == null ? null : known.get(areaId);
        if (area == null) {
            table.reject(r.line(), areaId == null ? "area_id is required" : "area '" + areaId + "' does not exist");
            return null;
        }
        if (area.level() != AreaLevel.COMMUNITY) {
            table.reject(r.line(), "area '" + areaId + "' is a " + area.level().name().toLowerCase()
                    + "; population is recorded on communities");
            return null;
        }
        long[] v = new long[5];
        List<String> cols = POPULATION_COLUMNS.subList(1, POPULATION_COLUMNS.size());
        for (int i = 0; i < cols.size(); i++) {
            String text = r.text(cols.get(i));
            try {
                v[i] = Long.parseLong(text == null ? "" : text.replace("_", ""));
            } catch (NumberFormatException e) {
                table.reject(r.line(), cols.get(i) + " '" + (text == null ? "" : text) + "' is not a whole number");
                return null;
            }
        }
        if (v[0] < 1900 || v[0] > 2200) {
            table.reject(r.line(), "year " + v[0] + " is out of range");
            return null;
        }
        if (v[1] > Integer.MAX_VALUE) {
            table.reject(r.line(), "resident_population is too large");
            return null;
        }
        String problem = Population.inconsistency(v[1], v[2], v[3], v[4]);
        if (problem != null) {
            table.reject(r.line(), problem);
            return null;
        }
        return Tuple.of(areaId, (int) v[0], v[1], v[2], v[3], v[4]);
    }

    private static Uni<Void> upsertPopulation(SqlClient c, List<Tuple> rows) {
        return c.preparedQuery("""
                        INSERT INTO area_population (area_id, year, resident_population, aged_60_plus, aged_80_plus, disabled_elders)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (area_id, year) DO UPDATE SET resident_population = excluded.resident_population,
                            aged_60_plus = excluded.aged_60_plus, aged_80_plus = excluded.aged_80_plus,
                            disabled_elders = excluded.disabled_elders, updated_at = now()""")
                .executeBatch(rows).replaceWithVoid();
    }

    private static Uni<Area> find(SqlClient c, String id) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return c.preparedQuery("SELECT * FROM area WHERE id = $1").execute(Tuple.of(id)).map(r -> Db.first(r, AreaService::area));
    }

    static Area area(Row r) {
        return new Area(r.getString("id"), r.getString("name"), AreaLevel.valueOf(r.getString("level")), r.getString("parent_id"));
    }

    static Population population(Row r) {
        return new Population(r.getInteger("year"), r.getLong("resident_population"), r.getLong("aged_60_plus"),
                r.getLong("aged_80_plus"), r.getLong("disabled_elders"));
    }
}
