package org.eldercare.gateway.telemetry;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PartitionPlanTest {

    final LocalDate today = LocalDate.of(2026, 12, 6);

    @Test
    void createsFromTheOldestAcceptedDayToDaysAhead() {
        PartitionPlan.Plan p = PartitionPlan.plan(today, today.minusDays(2), 3, 30, List.of());
        assertEquals(List.of(today.minusDays(2), today.minusDays(1), today, today.plusDays(1), today.plusDays(2),
                today.plusDays(3)), p.create());
        assertTrue(p.drop().isEmpty());
    }

    @Test
    void keepsWhatExistsAndDropsWhatIsPastRetention() {
        List<String> existing = List.of("telemetry_p20261206", "telemetry_p20261105", "telemetry_p20261106",
                "telemetry_default", "telemetry_p20200101");
        PartitionPlan.Plan p = PartitionPlan.plan(today, today, 1, 30, existing);
        assertEquals(List.of("telemetry_p20261105", "telemetry_p20200101"), p.drop());
        assertEquals(List.of(today.plusDays(1)), p.create());
    }

    @Test
    void neverCreatesWhatRetentionWouldDrop() {
        PartitionPlan.Plan p = PartitionPlan.plan(today, today.minusDays(60), 0, 30, List.of());
        assertEquals(today.minusDays(30), p.create().get(0));
        assertEquals(31, p.create().size());
    }

    @Test
    void names() {
        assertEquals("telemetry_p20261206", PartitionPlan.name(today));
        assertEquals(today, PartitionPlan.dayOf("telemetry_p20261206").orElseThrow());
        assertTrue(PartitionPlan.dayOf("telemetry_default").isEmpty());
    }
}
