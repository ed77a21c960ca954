package org.eldercare.beds.facility;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.beds.area.AreaLevel;
import org.eldercare.beds.bed.BedService;
import org.eldercare.beds.bed.BedType;
import org.eldercare.beds.csv.CsvImportProblem;
import org.eldercare.beds.csv.CsvTable;
import org.eldercare.beds.db.Db;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Imports facilities with their beds from CSV in one transaction: all rows or none. */
@ApplicationScoped
public class FacilityImporter {

    public record Result(int facilities, int beds) {
    }

    private final Pool pool;
    private final FacilityService facilities;
    private final BedService beds;

    public FacilityImporter(Pool pool, FacilityService facilities, BedService beds) {
        this.pool = pool;
        this.facilities = facilities;
        this.beds = beds;
    }

    /** @param skipExisting leave rows whose code is registered alone (the seed) rather than refuse the file */
    public Uni<Result> importCsv(String csv, boolean skipExisting) {
        CsvTable table = CsvTable.read(csv, FacilityCsv.REQUIRED, FacilityCsv.OPTIONAL);
        if (!table.errors().isEmpty()) {
            return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
        }
        return pool.withTransaction(c -> c.query("SELECT id, level FROM area").execute()
                .flatMap(areas -> c.query("SELECT code FROM facility").execute().flatMap(codes -> {
                    Map<String, AreaLevel> levels = new HashMap<>();
                    areas.forEach(r -> levels.put(r.getString("id"), AreaLevel.valueOf(r.getString("level"))));
                    Set<String> existing = new HashSet<>(Db.list(codes, r -> r.getString("code")));
                    List<FacilityCsv.Row> rows = FacilityCsv.parse(table, levels, existing, skipExisting);
                    if (!table.errors().isEmpty()) {
                        return Uni.createFrom().failure(CsvImportProblem.of(table.errors()));
                    }
                    Uni<int[]> chain = Uni.createFrom().item(new int[2]);
                    for (FacilityCsv.Row row : rows) {
                        Facility f = row.facility();
                        chain = chain.flatMap(n -> facilities.create(c, f)
                                .flatMap(x -> row.nursingBeds() == 0 ? Uni.createFrom().item(List.of())
                                        : beds.add(c, f.id(), "N-", row.nursingBeds(), BedType.NURSING, null))
                                .flatMap(x -> row.generalBeds() == 0 ? Uni.createFrom().item(List.of())
                                        : beds.add(c, f.id(), "G-", row.generalBeds(), BedType.GENERAL, null))
                                .map(x -> {
                                    n[0]++;
                                    n[1] += row.nursingBeds() + row.generalBeds();
                                    return n;
                                }));
                    }
                    return chain.map(n -> new Result(n[0], n[1]));
                })));
    }
}
