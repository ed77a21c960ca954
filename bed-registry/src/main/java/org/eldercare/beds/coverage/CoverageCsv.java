package org.eldercare.beds.coverage;

import org.eldercare.beds.csv.Csv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Coverage as CSV: one line per area (the area first, then its parts depth-first), or per month of a trend. */
public final class CoverageCsv {

    private record Column(String name, Function<AreaCoverage, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("area_id", AreaCoverage::areaId), new Column("name", AreaCoverage::name),
            new Column("level", AreaCoverage::level), new Column("parent_id", a -> null),
            new Column("residents", AreaCoverage::residents), new Column("aged_60_plus", AreaCoverage::aged60Plus),
            new Column("aged_80_plus", AreaCoverage::aged80Plus), new Column("disabled_elders", AreaCoverage::disabledElders),
            new Column("counted_beds", AreaCoverage::countedBeds), new Column("nursing_beds", AreaCoverage::nursingBeds),
            new Column("general_beds", AreaCoverage::generalBeds), new Column("occupied_beds", AreaCoverage::occupiedBeds),
            new Column("all_beds", AreaCoverage::allBeds),
            new Column("beds_per_1000", AreaCoverage::bedsPer1000), new Column("target_beds_per_1000", AreaCoverage::targetBedsPer1000),
            new Column("required_beds", AreaCoverage::requiredBeds), new Column("beds_gap", AreaCoverage::bedsGap),
            new Column("nursing_share_percent", AreaCoverage::nursingSharePercent),
            new Column("target_nursing_share_percent", AreaCoverage::targetNursingSharePercent),
            new Column("required_nursing_beds", AreaCoverage::requiredNursingBeds), new Column("nursing_beds_gap", AreaCoverage::nursingBedsGap),
            new Column("utilisation_percent", AreaCoverage::utilisationPercent),
            new Column("care_staff", AreaCoverage::careStaff), new Column("care_staff_per_10000_elders", AreaCoverage::careStaffPer10000Elders),
            new Column("target_care_staff_per_10000_elders", AreaCoverage::targetCareStaffPer10000Elders),
            new Column("required_care_staff", AreaCoverage::requiredCareStaff), new Column("care_staff_gap", AreaCoverage::careStaffGap),
            new Column("institutions", AreaCoverage::institutions), new Column("care_centres", AreaCoverage::careCentres),
            new Column("stations", AreaCoverage::stations), new Column("home_care_beds", AreaCoverage::homeCareBeds),
            new Column("target_stations", AreaCoverage::targetStations), new Column("stations_gap", AreaCoverage::stationsGap),
            new Column("target_care_centres", AreaCoverage::targetCareCentres), new Column("care_centres_gap", AreaCoverage::careCentresGap),
            new Column("target_home_care_beds", AreaCoverage::targetHomeCareBeds), new Column("home_care_beds_gap", AreaCoverage::homeCareBedsGap));

    private CoverageCsv() {
    }

    public static String report(CoverageReport r) {
        StringBuilder b = new StringBuilder();
        List<Object> header = new ArrayList<>(List.of("date", "plan", "plan_year"));
        COLUMNS.forEach(c -> header.add(c.name()));
        b.append(Csv.line(header)).append("\r\n");
        write(b, r, r.coverage(), null);
        return b.toString();
    }

    private static void write(StringBuilder b, CoverageReport r, AreaCoverage a, String parentId) {
        List<Object> row = new ArrayList<>();
        row.add(r.date());
        row.add(r.plan() == null ? null : r.plan().planCode());
        row.add(r.plan() == null ? null : r.plan().year());
        for (Column c : COLUMNS) {
            row.add(c.name().equals("parent_id") ? parentId : c.value().apply(a));
        }
        b.append(Csv.line(row)).append("\r\n");
        for (AreaCoverage child : a.children()) {
            write(b, r, child, a.areaId());
        }
    }

    public static String trend(List<CoverageService.TrendPoint> points) {
        StringBuilder b = new StringBuilder();
        List<Object> header = new ArrayList<>(List.of("month", "date", "plan", "plan_year", "bed_days", "available_bed_days",
                "bed_day_utilisation_percent"));
        COLUMNS.stream().filter(c -> !c.name().equals("parent_id")).forEach(c -> header.add(c.name()));
        b.append(Csv.line(header)).append("\r\n");
        for (CoverageService.TrendPoint p : points) {
            List<Object> row = new ArrayList<>(List.of(p.month(), p.date()));
            row.add(p.plan() == null ? null : p.plan().planCode());
            row.add(p.plan() == null ? null : p.plan().year());
            row.add(p.bedDays());
            row.add(p.availableBedDays());
            row.add(p.bedDayUtilisationPercent());
            COLUMNS.stream().filter(c -> !c.name().equals("parent_id")).forEach(c -> row.add(c.value().apply(p.coverage())));
            b.append(Csv.line(row)).append("\r\n");
        }
        return b.toString();
    }
}
