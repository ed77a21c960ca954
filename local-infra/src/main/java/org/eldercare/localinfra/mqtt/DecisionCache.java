package org.eldercare.localinfra.mqtt;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers the gateway's allow/deny answers for a short while: Moquette asks on every publish,
 * and a watch publishing every few seconds must not cost an HTTP round trip each time. Short lives
 * keep revocations (a device taken out of service) effective within seconds.
 */
final class DecisionCache {

    private record Decision(boolean allowed, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Decision> decisions = new ConcurrentHashMap<>();
    private final long allowTtlNanos;
    private final long denyTtlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;

    DecisionCache(Duration allowTtl, Duration denyTtl, int maxEntries, LongSupplier nanoClock) {
        this.allowTtlNanos = allowTtl.toNanos();
        this.denyTtlNanos = denyTtl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    Optional<Boolean> get(String key) {
        Decision decision = decisions.get(key);
        if (decision == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - decision.expiresAtNanos() >= 0) {
            decisions.remove(key, decision);
            return Optional.empty();
        }
        return Optional.of(decision.allowed());
    }

    void put(String key, boolean allowed) {
        if (decisions.size() >= maxEntries) {
            // Rare (thousands of distinct clients and topics within one TTL): start over rather than track ages.
            decisions.clear();
        }
        long ttl = allowed ? allowTtlNanos : denyTtlNanos;
        decisions.put(key, new Decision(allowed, nanoClock.getAsLong() + ttl));
    }

    int size() {
        return decisions.size();
    }
}
