package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FallDetectorBankTest {
    private static final double HZ = 25;

    @Test
    void devicesAreIndependentEvenWhenTheirWindowsInterleave() {
        FallDetectorBank bank = new FallDetectorBank(FallDetectionParameters.rulesDefaults(), 60_000);
        double[][] fall = SyntheticTraces.forwardFall(HZ, 5);
        double[][] walk = SyntheticTraces.walking(HZ, fall.length / HZ);
        List<String> alerts = new ArrayList<>();
        for (int from = 0; from < fall.length; from += 50) {
            int to = Math.min(fall.length, from + 50);
            long t = Feed.T0 + from * 40L;
            bank.accept("watch-a", t, HZ, Arrays.copyOfRange(fall, from, to), t).ifPresent(d -> alerts.add("watch-a"));
            bank.accept("watch-b", t, HZ, Arrays.copyOfRange(walk, from, to), t).ifPresent(d -> alerts.add("watch-b"));
        }
        assertEquals(List.of("watch-a"), alerts);
        assertEquals(2, bank.size());
    }

    @Test
    void idleDevicesAreEvicted() {
        FallDetectorBank bank = new FallDetectorBank(FallDetectionParameters.rulesDefaults(), 60_000);
        double[][] w = SyntheticTraces.walking(HZ, 1);
        bank.accept("old", Feed.T0, HZ, w, 1_000);
        bank.accept("recent", Feed.T0, HZ, w, 50_000);
        assertEquals(0, bank.evictIdle(61_000), "exactly the idle time is not yet idle");
        assertEquals(1, bank.evictIdle(61_001));
        assertFalse(bank.contains("old"));
        assertTrue(bank.contains("recent"));
        bank.remove("recent");
        assertEquals(0, bank.size());
    }

    @Test
    void manyDevicesInParallel() throws Exception {
        FallDetectorBank bank = new FallDetectorBank(FallDetectionParameters.rulesDefaults(), 60_000);
        double[][] fall = SyntheticTraces.forwardFall(HZ, 5);
        List<String> alerted = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int dev = 0; dev < 40; dev++) {
                String id = "watch-" + dev;
                jobs.add(pool.submit(() -> {
                    for (int from = 0; from < fall.length; from += 25) {
                        long t = Feed.T0 + from * 40L;
                        bank.accept(id, t, HZ, Arrays.copyOfRange(fall, from, Math.min(fall.length, from + 25)), t)
                                .ifPresent(d -> alerted.add(id));
                    }
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, alerted.size());
        assertEquals(40, bank.size());
    }
}
