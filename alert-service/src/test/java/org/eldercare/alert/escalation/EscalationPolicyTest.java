package org.eldercare.alert.escalation;

import org.eldercare.alert.alert.Severity;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class EscalationPolicyTest {

    private final EscalationPolicy policy = new EscalationPolicy(Duration.ofMinutes(3), Duration.ofMinutes(5), 2, 5000,
            Duration.ofMinutes(30), 3);
    /** A district that stops at each severity's usual last tier. */
    private final EscalationPolicy stopAtUsual = new EscalationPolicy(Duration.ofMinutes(3), Duration.ofMinutes(5), 2, 5000,
            Duration.ofMinutes(30), 0);
    private final GeoPoint home = new GeoPoint(39.9071, 116.2105, null);

    private CareCircle circle() {
        return new CareCircle("E1", 1, true, "Wang", "addr", home, "110107001001", "ST-1", "HIGH", List.of(),
                null, null, null,
                List.of(new CareCircle.FamilyContact("U-2", "Son", "SON", "138", 2, List.of("APP")),
                        new CareCircle.FamilyContact(null, "Daughter", "DAUGHTER", "139", 1, List.of("APP", "SMS")),
                        new CareCircle.FamilyContact("U-3", "Niece", "NIECE", "137", 3, List.of("APP", "SMS"))),
                List.of(new CareCircle.AssignedVisitor("V1", "Zhang", "135")),
                new CareCircle.StationOnDuty("ST-1", "Station", List.of("op-1", "V1"), "010-8888"));
    }

    @Test
    void tier1IsAssignedVisitorsAndFamilyTogether() {
        List<Recipient> r = policy.tier1(circle());
        assertEquals(List.of("APP:V1:VISITOR", "SMS:139:FAMILY", "APP:U-2:FAMILY", "APP:U-3:FAMILY", "SMS:137:FAMILY"),
                r.stream().map(x -> x.channel() + ":" + x.address() + ":" + x.role()).toList());
        assertEquals(EscalationPolicy.RESPONDER_ACTIONS, r.get(0).actions());
        assertTrue(policy.tier1(null).isEmpty());
    }

    @Test
    void tier2IsTheNearestOnDutyFreshVisitorsAndTheStation() {
        List<EscalationPolicy.VisitorPosition> positions = List.of(
                new EscalationPolicy.VisitorPosition("far", new GeoPoint(39.9071 + 0.1, 116.2105, null), true, 0),
                new EscalationPolicy.VisitorPosition("near", new GeoPoint(39.9072, 116.2105, null), true, 0),
                new EscalationPolicy.VisitorPosition("nearer-off-duty", new GeoPoint(39.9071, 116.2105, null), false, 0),
                new EscalationPolicy.VisitorPosition("stale", new GeoPoint(39.9071, 116.2105, null), true, Duration.ofMinutes(31).toMillis()),
                new EscalationPolicy.VisitorPosition("second", new GeoPoint(39.9171, 116.2105, null), true, 0),
                new EscalationPolicy.VisitorPosition("third", new GeoPoint(39.9271, 116.2105, null), true, 0),
                new EscalationPolicy.VisitorPosition("V1", new GeoPoint(39.9071, 116.2105, null), true, 0));
        List<Recipient> r = policy.tier2(circle(), home, positions, Set.of("V1"));
        assertEquals(List.of("near", "second", "op-1", "010-8888"), r.stream().map(Recipient::address).toList());
        assertEquals(Recipient.Role.NEARBY_VISITOR, r.get(0).role());
    }

    @Test
    void delaysAndReachDependOnSeverity() {
        assertEquals(Duration.ofMinutes(3), policy.delayAfter(1, Severity.CRITICAL));
        assertEquals(Duration.ofMinutes(5), policy.delayAfter(2, Severity.CRITICAL));
        assertNull(policy.delayAfter(3, Severity.CRITICAL));
        assertNull(stopAtUsual.delayAfter(1, Severity.LOW));
        assertNull(stopAtUsual.delayAfter(2, Severity.MEDIUM));
        assertEquals(1, stopAtUsual.lastTier(Severity.LOW));
        assertEquals(2, stopAtUsual.lastTier(Severity.MEDIUM));
        assertEquals(3, stopAtUsual.lastTier(Severity.HIGH));
        assertEquals(List.of("WEBHOOK", "SMS"), policy.tier3("110").stream().map(Recipient::channel).toList());
        assertEquals(1, policy.tier3(null).size());
    }

    @Test
    void anExhaustedUsualLastTierGoesOnUntilSomeoneTakesCharge() {
        // Nobody accepting within the usual last tier's delay brings the next tier, up to the emergency channel.
        assertEquals(Duration.ofMinutes(3), policy.delayAfter(1, Severity.LOW));
        assertEquals(Duration.ofMinutes(5), policy.delayAfter(2, Severity.LOW));
        assertNull(policy.delayAfter(3, Severity.LOW));
        assertEquals(Duration.ofMinutes(5), policy.delayAfter(2, Severity.MEDIUM));
        assertEquals(3, policy.lastTier(Severity.LOW));
        assertEquals(3, policy.lastTier(Severity.MEDIUM));
        assertFalse(EscalationPolicy.beyondUsual(1, Severity.LOW));
        assertTrue(EscalationPolicy.beyondUsual(2, Severity.LOW));
        assertFalse(EscalationPolicy.beyondUsual(2, Severity.MEDIUM));
        assertTrue(EscalationPolicy.beyondUsual(3, Severity.MEDIUM));
        // Never past the emergency channel; a reach of 2 stops a LOW alert at the station.
        assertEquals(3, new EscalationPolicy(Duration.ofMinutes(3), Duration.ofMinutes(5), 2, 5000, Duration.ofMinutes(30), 9)
                .lastTier(Severity.LOW));
        EscalationPolicy toStation = new EscalationPolicy(Duration.ofMinutes(3), Duration.ofMinutes(5), 2, 5000, Duration.ofMinutes(30), 2);
        assertEquals(2, toStation.lastTier(Severity.LOW));
        assertNull(toStation.delayAfter(2, Severity.LOW));
        assertEquals(3, toStation.lastTier(Severity.CRITICAL));
    }

    @Test
    void aTierIsDoneWithWhenEveryAppRecipientDeclined() {
        assertTrue(EscalationPolicy.everyoneDeclined(java.util.Map.of("V1", "DECLINED", "U-2", "DECLINED")));
        assertTrue(EscalationPolicy.everyoneDeclined(java.util.Map.of("op-1", "DECLINED")), "a single recipient");
        // one still silent, or only seen it: they may yet accept
        assertFalse(EscalationPolicy.everyoneDeclined(java.util.Map.of("V1", "DECLINED", "U-2", "")));
        assertFalse(EscalationPolicy.everyoneDeclined(java.util.Map.of("V1", "DECLINED", "U-2", "RECEIVED")));
        assertFalse(EscalationPolicy.everyoneDeclined(java.util.Map.of("V1", "DECLINED", "U-2", "ACCEPTED")));
        // nobody who could answer (SMS and webhook only): the tier's timer decides
        assertFalse(EscalationPolicy.everyoneDeclined(java.util.Map.of()));
    }
}
