package org.eldercare.visits.circle;

import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.visits.elder.CareCategory;
import org.eldercare.visits.elder.CarePolicy;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.elder.FamilyContact;
import org.eldercare.visits.station.Station;
import org.eldercare.visits.visitor.PatrolVisitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CircleAssemblerTest {

    private final CarePolicy policy = new CarePolicy(Set.of(CareCategory.DISABLED), "10:00", 1000, 45, 130, 90);

    @Test
    void buildsTheSnapshotTheAlertServiceKeeps() {
        Elder e = new Elder();
        e.id = "E00000001";
        e.version = 4;
        e.active = true;
        e.name = "王秀兰";
        e.address = "八角街道 12号";
        e.homeLat = 39.9;
        e.homeLon = 116.2;
        e.areaCode = "110107001";
        e.stationId = "ST-1";
        e.riskLevel = "HIGH";
        e.categories(Set.of(CareCategory.DISABLED, CareCategory.AGED_80_PLUS));
        e.safeZoneEnabled = true;
        e.safeZoneRadius = 600;
        FamilyContact second = family("U-2", 2, "SMS");
        FamilyContact first = family("U-1", 1, "APP,SMS");
        PatrolVisitor v = new PatrolVisitor();
        v.id = "V00000001";
        v.name = "张敏";
        v.phone = "13900000003";
        Station s = new Station();
        s.stationId = "ST-1";
        s.name = "驿站";
        s.dutyUserIds = "op-1, op-2";
        s.dutyPhone = "010-1";

        CareCircle c = CircleAssembler.build(e, List.of(second, first), List.of(v), s, policy);

        assertEquals(4, c.version());
        assertEquals(List.of("DISABLED", "AGED_80_PLUS"), c.careCategories());
        assertEquals(new CareCircle.CheckInPolicy(true, "10:00"), c.checkInPolicy());
        assertEquals(new CareCircle.SafeZone(true, new GeoPoint(39.9, 116.2, null), 600), c.safeZone());
        assertEquals(List.of("U-1", "U-2"), c.family().stream().map(CareCircle.FamilyContact::userId).toList());
        assertEquals(List.of("APP", "SMS"), c.family().get(0).channels());
        assertEquals("V00000001", c.visitors().get(0).visitorId());
        assertEquals(new CareCircle.StationOnDuty("ST-1", "驿站", List.of("op-1", "op-2"), "010-1"), c.station());
        assertNull(CircleAssembler.build(e, List.of(), List.of(), null, policy).station());
    }

    private static FamilyContact family(String user, int priority, String channels) {
        FamilyContact f = new FamilyContact();
        f.userId = user;
        f.name = "家属";
        f.relation = "SON";
        f.phone = "13800000001";
        f.priority = priority;
        f.channels = channels;
        return f;
    }
}
