package org.eldercare.alert.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.eldercare.alert.AlertServiceTestClient;
import org.eldercare.alert.event.Consumers;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VitalsBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Readings throughput of the alert service: VitalsBatch messages, as the gateway publishes them (each
 * batch holds readings of several watches), go to the running service over the project's broker; the
 * figure is readings handled per second end to end, and the database transactions they cost
 * (pg_stat_database.xact_commit of the test database, less the service's idle rate and this
 * harness's own queries). Not part of the test run: {@code ./mvnw -o -pl alert-service verify
 * -Dtest=ReadingsThroughputBenchmark -Dbench.readings=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: {@code -Dbench.batches=2000 -Dbench.perBatch=10 -Dbench.elders=200}).
 */
@QuarkusTest
@TestProfile(ReadingsThroughputBenchmark.LongSustain.class)
@EnabledIfSystemProperty(named = "bench.readings", matches = "true")
class ReadingsThroughputBenchmark {

    /** Sustained-vitals timers due after the run, so that no alert is raised while it is measured. */
    public static class LongSustain implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eldercare.alert.detect.vitals-sustain", "1h", "eldercare.alert.detect.vitals-stale-after", "2h");
        }
    }

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Backends report their transactions to the statistics within 10 s of going idle. */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(12);

    @Inject
    Pool pool;
    @Inject
    Consumers consumers;

    private final AtomicInteger ownQueries = new AtomicInteger();

    private long count(String sql, Object... params) {
        ownQueries.incrementAndGet();
        return AlertServiceTestClient.count(pool, sql, params);
    }

    private long commits() {
        return count("select xact_commit from pg_stat_database where datname = current_database()");
    }

    private static void pause(Duration d) {
        Awaitility.await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
    }

    @Test
    void readingsPerSecond() throws Exception {
        int batches = Integer.getInteger("bench.batches", 2000);
        int perBatch = Integer.getInteger("bench.perBatch", 10);
        int elderCount = Integer.getInteger("bench.elders", 200);
        int rounds = batches * perBatch / elderCount;
        AlertServiceTestClient.awaitConnected(consumers, false, true);
        try (AlertServiceTestClient broker = AlertServiceTestClient.connect("alert-bench-" + RUN)) {
            List<String> elders = new ArrayList<>();
            for (int i = 0; i < elderCount; i++) {
                String elder = "E-bench-" + i + "-" + RUN;
                elders.add(elder);
                broker.publish(Topics.careCircle(elder), new CareCircle(elder, 1, true, "Elder " + i, "Road 1",
                        new GeoPoint(39.9071, 116.2105, null), "110107001001", "ST-" + RUN, "HIGH", List.of("LIVING_ALONE"),
                        new CareCircle.CheckInPolicy(true, "10:00"), null, new CareCircle.VitalThresholds(50, 120, 90),
                        List.of(new CareCircle.FamilyContact("U-" + i + "-" + RUN, "Son", "SON", "138", 1, List.of("APP"))),
                        List.of(), new CareCircle.StationOnDuty("ST-" + RUN, "Station", List.of(), "010")));
            }
            AlertServiceTestClient.await("circles stored", () -> count("select count(*) from care_circles where elder_id like $1",
                    "%-" + RUN) == elderCount, Duration.ofSeconds(60));

            // Readings in rounds of one per elder, a second apart on the watches' clocks. One elder in
            // twenty goes below the SpO2 bound in every tenth round and is back the round after;
            // in the last round every elder is below it, so that the run's end shows in the database.
            long t0 = System.currentTimeMillis() - rounds * 1000L;
            List<VitalsBatch> payloads = new ArrayList<>();
            List<PlatformEvent> current = new ArrayList<>();
            int low = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < elderCount; i++) {
                    boolean out = round == rounds - 1 || i % 20 == 0 && round % 10 == 5;
                    low += out ? 1 : 0;
                    long ts = t0 + round * 1000L;
                    String elder = elders.get(i);
                    current.add(new PlatformEvent("w-" + elder + ":" + round, PlatformEventType.VITALS, elder, "w-" + elder, null,
                            "m" + round, ts, ts + 50, null, null, 72, out ? 85 : 97, round + 1, 80, true, null, null, null, null, null));
                    if (current.size() == perBatch) {
                        payloads.add(new VitalsBatch(current));
                        current = new ArrayList<>();
                    }
                }
            }
            if (!current.isEmpty()) {
                payloads.add(new VitalsBatch(current));
            }
            int readings = payloads.stream().mapToInt(b -> b.events().size()).sum();

            // The service's own background transactions (pollers) per second, measured while idle.
            pause(STATS_SETTLE);
            long idle0 = commits();
            long idleStart = System.nanoTime();
            pause(STATS_SETTLE);
            long idle1 = commits();
            double idlePerSecond = (idle1 - idle0 - 1) / ((System.nanoTime() - idleStart) / 1e9);

            ownQueries.set(0);
            long before = commits();
            long start = System.nanoTime();
            String topic = Topics.vitals("bench-" + RUN);
            for (VitalsBatch b : payloads) {
                broker.publish(topic, b);
            }
            long published = System.nanoTime();
            Awaitility.await("last round handled").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("select count(*) from vital_excursions where elder_id like $1", "%-" + RUN) == elderCount);
            long end = System.nanoTime();
            pause(STATS_SETTLE);
            long after = commits();
            double seconds = (end - start) / 1e9;
            double statsSeconds = (System.nanoTime() - start) / 1e9;
            long transactions = Math.round(after - before - ownQueries.get() - idlePerSecond * statsSeconds);

            System.out.printf("%nReadings throughput: %d readings in %d VitalsBatch messages (%d per batch, %d elders, %d below the bound)%n"
                            + "  published in %.2f s, handled in %.2f s: %.0f readings/s%n"
                            + "  database transactions: %d (%.3f per reading); idle background %.1f/s and %d harness queries subtracted%n%n",
                    readings, payloads.size(), perBatch, elderCount, low, (published - start) / 1e9, seconds, readings / seconds,
                    transactions, transactions / (double) readings, idlePerSecond, ownQueries.get());
            assertEquals(elderCount, count("select count(*) from vital_excursions where elder_id like $1", "%-" + RUN));
        } finally {
            pool.preparedQuery("delete from timers where timer_key like $1").execute(io.vertx.mutiny.sqlclient.Tuple.of("%-" + RUN + "%"))
                    .await().indefinitely();
            pool.preparedQuery("delete from vital_excursions where elder_id like $1").execute(io.vertx.mutiny.sqlclient.Tuple.of("%-" + RUN))
                    .await().indefinitely();
        }
    }
}
