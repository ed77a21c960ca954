package org.eldercare.localinfra.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecisionCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final DecisionCache cache = new DecisionCache(Duration.ofSeconds(30), Duration.ofSeconds(5), 3, now::get);

    @Test
    void allowsAreRememberedLongerThanDenials() {
        cache.put("allowed", true);
        cache.put("denied", false);
        now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertEquals(Optional.of(true), cache.get("allowed"));
        assertEquals(Optional.of(false), cache.get("denied"));
        now.addAndGet(1);
        assertEquals(Optional.empty(), cache.get("denied"));
        now.addAndGet(Duration.ofSeconds(25).toNanos());
        assertEquals(Optional.empty(), cache.get("allowed"));
    }

    @Test
    void unknownKeysAreNotDecided() {
        assertEquals(Optional.empty(), cache.get("never-asked"));
    }

    @Test
    void staysBoundedWhenFull() {
        cache.put("a", true);
        cache.put("b", true);
        cache.put("c", true);
        cache.put("d", false);
        assertEquals(1, cache.size());
        assertEquals(Optional.of(false), cache.get("d"));
    }
}
