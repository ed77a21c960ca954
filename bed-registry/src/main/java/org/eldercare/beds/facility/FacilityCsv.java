package org.eldercare.beds.facility;

import org.eldercare.beds.area.AreaLevel;
import org.eldercare.beds.csv.CsvTable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Facilities from CSV, one per row, with the number of nursing-type and general beds to register in
 * each (labelled N-1.., G-1..). Used by the import endpoint and the demo seed.
 */
public final class FacilityCsv {

    public static final List<String> REQUIRED = List.of("code", "name", "kind", "area_id", "owner_type", "licensed_capacity",
            "nursing_staff", "opened_on");
    public static final List<String> OPTIONAL = List.of("operator_name", "operating_station_id", "star_rating", "closed_on",
            "nursing_beds", "general_beds");

    /** A facility to create and the beds to give it. */
    public record Row(Facility facility, int nursingBeds, int generalBeds) {
    }

    private FacilityCsv() {
    }

    /**
     * The rows of {@code table} that are valid; every invalid row is rejected in the table with its reason.
     *
     * @param areaLevels   level of every known area by id
     * @param existingCodes facility codes already registered
     * @param skipExisting  skip rows whose code exists (seed) instead of rejecting them (import)
     */
    public static List<Row> parse(CsvTable table, Map<String, AreaLevel> areaLevels, Set<String> existingCodes, boolean skipExisting) {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvTable.Record r : table.records()) {
            List<String> problems = new ArrayList<>();
            String code = r.text("code");
            String name = r.text("name");
            if (code == null || name == null) {
                problems.add("code and name are required");
            } else if (!seen.add(code)) {
                problems.add("code '" + code + "' appears twice in the file");
            } else if (existingCodes.contains(code)) {
                if (skipExisting) {
                    continue;
                }
                problems.add("a facility with code '" + code + "' already exists");
            }
            FacilityKind kind = enumValue(FacilityKind.class, "kind", r.text("kind"), problems);
            OwnerType owner = enumValue(OwnerType.class, "owner_type", r.text("owner_type"), problems);
            String area = r.text("area_id");
            AreaLevel level = area == null ? null : areaLevels.get(area);
            if (level == null) {
                problems.add(area == null ? "area_id is required" : "area '" + area + "' does not exist");
            } else if (level != AreaLevel.COMMUNITY) {
                problems.add("area '" + area + "' is a " + level.name().toLowerCase() + "; facilities are placed in communities");
            }
            Integer capacity = count("licensed_capacity", r.text("licensed_capacity"), true, problems);
            Integer staff = count("nursing_staff", r.text("nursing_staff"), true, problems);
            Integer star = count("star_rating", r.text("star_rating"), false, problems);
            if (star != null && star > 5) {
                problems.add("star_rating must be 0 to 5");
            }
            Integer nursing = count("nursing_beds", r.text("nursing_beds"), false, problems);
            Integer general = count("general_beds", r.text("general_beds"), false, problems);
            LocalDate opened = date("opened_on", r.text("opened_on"), true, problems);
            LocalDate closed = date("closed_on", r.text("closed_on"), false, problems);
            if (opened != null && closed != null && !closed.isAfter(opened)) {
                problems.add("closed_on must be after opened_on");
            }
            if ((nursing == null ? 0 : nursing) + (general == null ? 0 : general) > 5000) {
                problems.add("more than 5,000 beds in one facility");
            }
            if (!problems.isEmpty()) {
                table.reject(r.line(), String.join("; ", problems));
                continue;
            }
            rows.add(new Row(new Facility(UUID.randomUUID(), code, name, kind, area, owner, r.text("operator_name"),
                    r.text("operating_station_id"), star, capacity, staff, opened, closed),
                    nursing == null ? 0 : nursing, general == null ? 0 : general));
        }
        return rows;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String column, String text, List<String> problems) {
        if (text == null) {
            problems.add(column + " is required");
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase());
        } catch (IllegalArgumentException e) {
            problems.add(column + " '" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static Integer count(String column, String text, boolean required, List<String> problems) {
        if (text == null) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < 0) {
                problems.add(column + " cannot be negative");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(column + " '" + text + "' is not a whole number");
            return null;
        }
    }

    private static LocalDate date(String column, String text, boolean required, List<String> problems) {
        if (text == null) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(column + " '" + text + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }
}
