package org.eldercare.visits.circle;

import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.visits.elder.CarePolicy;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.elder.FamilyContact;
import org.eldercare.visits.station.Station;
import org.eldercare.visits.visitor.PatrolVisitor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Builds the {@link CareCircle} the alert service keeps, from an elder and the people around them. */
public final class CircleAssembler {

    private CircleAssembler() {
    }

    public static CareCircle build(Elder e, List<FamilyContact> family, List<PatrolVisitor> visitors, Station station,
                                   CarePolicy policy) {
        GeoPoint home = new GeoPoint(e.homeLat, e.homeLon, null);
        GeoPoint zoneCenter = e.safeZoneLat != null && e.safeZoneLon != null ? new GeoPoint(e.safeZoneLat, e.safeZoneLon, null) : null;
        return new CareCircle(e.id, e.version, e.active, e.name, e.address, home, e.areaCode, e.stationId, e.riskLevel,
                e.categories().stream().map(Enum::name).toList(),
                policy.checkIn(e.categories(), e.checkInEnabled, e.checkInDeadline),
                policy.safeZone(e.safeZoneEnabled, e.safeZoneRadius, home, zoneCenter),
                policy.vitals(e.hrMin, e.hrMax, e.spo2Min),
                family.stream().sorted(Comparator.comparingInt((FamilyContact f) -> f.priority))
                        .map(f -> new CareCircle.FamilyContact(f.userId, f.name, f.relation, f.phone, f.priority, split(f.channels)))
                        .toList(),
                visitors.stream().map(v -> new CareCircle.AssignedVisitor(v.id, v.name, v.phone)).toList(),
                station == null ? null : new CareCircle.StationOnDuty(station.stationId, station.name,
                        split(station.dutyUserIds), station.dutyPhone));
    }

    public static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }
}
