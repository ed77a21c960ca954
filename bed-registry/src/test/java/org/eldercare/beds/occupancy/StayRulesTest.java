package org.eldercare.beds.occupancy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StayRulesTest {

    static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

    @Test
    void dischargeMustFollowAdmission() {
        assertTrue(StayRules.timesProblem(NOW.minusSeconds(60), NOW.minusSeconds(120), NOW).contains("must come after the admission"));
        assertNotNull(StayRules.timesProblem(NOW.minusSeconds(60), NOW.minusSeconds(60), NOW));
        assertNull(StayRules.timesProblem(NOW.minusSeconds(120), NOW.minusSeconds(60), NOW));
        assertNull(StayRules.timesProblem(NOW.minusSeconds(120), null, NOW));
    }

    @Test
    void nothingInTheFuture() {
        assertNotNull(StayRules.timesProblem(NOW.plusSeconds(3600), null, NOW));
        assertNotNull(StayRules.timesProblem(NOW.minusSeconds(60), NOW.plusSeconds(3600), NOW));
        assertNull(StayRules.timesProblem(NOW.plusSeconds(30), null, NOW));
    }

    @Test
    void staysFitTheDaysOfService() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate until = LocalDate.of(2026, 6, 1);
        Instant jan = Instant.parse("2026-01-10T02:00:00Z");
        assertNull(StayRules.serviceProblem("bed", from, null, jan, null));
        assertNotNull(StayRules.serviceProblem("bed", from, null, Instant.parse("2025-12-31T02:00:00Z"), null));
        assertNotNull(StayRules.serviceProblem("bed", from, until, jan, null));
        assertNull(StayRules.serviceProblem("bed", from, until, jan, Instant.parse("2026-05-31T02:00:00Z")));
        assertNotNull(StayRules.serviceProblem("bed", from, until, Instant.parse("2026-06-02T02:00:00Z"), Instant.parse("2026-06-03T02:00:00Z")));
    }
}
