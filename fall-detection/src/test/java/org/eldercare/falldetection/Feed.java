package org.eldercare.falldetection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: sends a trace to a detector in consecutive windows, as a watch would. */
final class Feed {
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private Feed() {
    }

    /** Windows of {@code windowSamples} samples; returns every detection. */
    static List<FallDetection> windows(FallDetector d, double[][] trace, double hz, int windowSamples, long t0) {
        List<FallDetection> out = new ArrayList<>();
        for (int from = 0; from < trace.length; from += windowSamples) {
            int to = Math.min(trace.length, from + windowSamples);
            long start = t0 + Math.round(from * 1000.0 / hz);
            d.accept(start, hz, Arrays.copyOfRange(trace, from, to)).ifPresent(out::add);
        }
        return out;
    }

    static List<FallDetection> seconds(FallDetector d, double[][] trace, double hz, double windowSeconds) {
        return windows(d, trace, hz, Math.max(1, (int) Math.round(windowSeconds * hz)), T0);
    }
}
