package org.eldercare.falldetection;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FallDetector} per device, created on the first window and evicted when the device has been idle
 * (no window received) for {@code idleAfterMs}. Windows of one device are processed one at a time; different
 * devices run in parallel. Idle time is measured on the caller's clock ({@code nowEpochMs}, usually arrival
 * time), not the sensor clock, because a watch's clock may be wrong.
 *
 * <p>Memory: a detector holds about 16 bytes per buffered sample, see docs/fall-detection.md for measured figures.
 */
public final class FallDetectorBank {
    private final FallDetectionParameters parameters;
    private final long idleAfterMs;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    public FallDetectorBank(FallDetectionParameters parameters, long idleAfterMs) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (idleAfterMs <= 0) {
            throw new IllegalArgumentException("idleAfterMs must be positive");
        }
        this.idleAfterMs = idleAfterMs;
    }

    /**
     * Feeds one window of a device (see {@link FallDetector#accept}).
     *
     * @param nowEpochMs the caller's current time, used for idle eviction
     */
    public Optional<FallDetection> accept(String deviceId, long firstSampleEpochMs, double hz, double[][] samplesInG,
                                         long nowEpochMs) {
        Objects.requireNonNull(deviceId, "deviceId");
        Slot slot = slots.computeIfAbsent(deviceId, id -> new Slot(new FallDetector(parameters)));
        synchronized (slot) {
            slot.lastSeenEpochMs = nowEpochMs;
            return slot.detector.accept(firstSampleEpochMs, hz, samplesInG);
        }
    }

    /**
     * Removes detectors whose device sent nothing for longer than the idle time; returns how many. Call it
     * periodically (e.g. every minute). A window arriving for an evicted device starts a fresh detector, which
     * is what should happen anyway after such a gap.
     */
    public int evictIdle(long nowEpochMs) {
        int before = slots.size();
        slots.entrySet().removeIf(e -> nowEpochMs - e.getValue().lastSeenEpochMs > idleAfterMs);
        return before - slots.size();
    }

    /** Drops a device's detector, e.g. when the watch is unpaired. */
    public void remove(String deviceId) {
        slots.remove(deviceId);
    }

    public int size() {
        return slots.size();
    }

    public boolean contains(String deviceId) {
        return slots.containsKey(deviceId);
    }

    private static final class Slot {
        final FallDetector detector;
        volatile long lastSeenEpochMs;

        Slot(FallDetector detector) {
            this.detector = detector;
        }
    }
}
