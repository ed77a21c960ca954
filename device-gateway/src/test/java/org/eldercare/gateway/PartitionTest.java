package org.eldercare.gateway;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eldercare.gateway.telemetry.PartitionPlan;
import org.eldercare.gateway.telemetry.TelemetryPartitions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PartitionTest {

    @Inject
    TelemetryPartitions partitions;

    @Test
    void futurePartitionsAreCreatedAndThosePastRetentionDropped() {
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate ancient = today.minusDays(90);
        partitions.create(ancient).await().atMost(Duration.ofSeconds(10));
        assertTrue(names().contains(PartitionPlan.name(ancient)));

        partitions.maintain(now).await().atMost(Duration.ofSeconds(30));

        List<String> after = names();
        assertFalse(after.contains(PartitionPlan.name(ancient)), "past retention (30 days) must be dropped: " + after);
        for (int d = -7; d <= 7; d++) {
            assertTrue(after.contains(PartitionPlan.name(today.plusDays(d))), "day " + d + " in " + after);
        }
        // A week later the plan has moved on: new days ahead appear
        partitions.maintain(now.plus(Duration.ofDays(3))).await().atMost(Duration.ofSeconds(30));
        assertTrue(names().contains(PartitionPlan.name(today.plusDays(10))));
    }

    private List<String> names() {
        return partitions.partitions().await().atMost(Duration.ofSeconds(10));
    }
}
