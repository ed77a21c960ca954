package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MotionFeaturesTest {
    private static final ModelWindow W = TestModels.WINDOW;

    /** Features of the window [peak - pre, peak + post] of a trace at {@code hz}, peak = largest |m - 1|. */
    static double[] around(double[][] trace, double hz, int peak) {
        long tp = Math.round(peak * 1000.0 / hz);
        int from = -1, to = 0;
        for (int i = 0; i < trace.length; i++) {
            long t = Math.round(i * 1000.0 / hz);
            if (t >= tp - W.preMs() && t <= tp + W.postMs()) {
                from = from < 0 ? i : from;
                to = i + 1;
            }
        }
        int n = to - from;
        long[] t = new long[n];
        double[] x = new double[n], y = new double[n], z = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.round((from + k) * 1000.0 / hz);
            x[k] = trace[from + k][0];
            y[k] = trace[from + k][1];
            z[k] = trace[from + k][2];
        }
        return MotionFeatures.extract(t, x, y, z, n, peak - from, W);
    }

    static int largestChange(double[][] trace) {
        int best = 0;
        for (int i = 1; i < trace.length; i++) {
            if (dev(trace[i]) > dev(trace[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double dev(double[] s) {
        return Math.abs(Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]) - 1);
    }

    private static double f(double[] features, String name) {
        return features[MotionFeatures.NAMES.indexOf(name)];
    }

    @ParameterizedTest
    @ValueSource(doubles = {25, 32, 50, 100})
    void forwardFallFeaturesDescribeItsPhasesAtEveryRate(double hz) {
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        double[] ff = around(trace, hz, largestChange(trace));

        assertEquals(MotionFeatures.count(), ff.length);
        assertEquals(4.5, f(ff, "peak_g"), 1e-9);
        assertEquals(3.5, f(ff, "peak_dev_g"), 1e-9);
        assertTrue(f(ff, "min_pre1_g") < 0.3, "free fall before the impact");
        // 0.5 s after the impact the forearm is still turning (0.4 s of shake), so the angle is partial
        assertTrue(f(ff, "angle_pre_end_deg") > 45, "arm hanging before, turning flat after: " + f(ff, "angle_pre_end_deg"));
        assertTrue(f(ff, "angle_short_deg") > 30, "posture just before vs 0.25-0.75 s after: " + f(ff, "angle_short_deg"));
        assertTrue(f(ff, "max_jerk_gps") > 30, "sharp impact: " + f(ff, "max_jerk_gps"));
        assertTrue(f(ff, "frac_below_06g_pre1") > 0.1);
        for (int k = 0; k < ff.length; k++) {
            assertTrue(Double.isFinite(ff[k]), MotionFeatures.NAMES.get(k));
        }
        double shares = f(ff, "band_low") + f(ff, "band_mid") + f(ff, "band_high");
        assertEquals(1, shares, 1e-9);
    }

    @Test
    void aLongerPostWindowSeesTheLyingPostureAndTheStillness() {
        ModelWindow longer = new ModelWindow(0.5, 500, 2000, 1500);
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        int peak = largestChange(trace);
        int n = trace.length;
        long[] t = new long[n];
        double[] x = new double[n], y = new double[n], z = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(i * 1000.0 / hz);
            x[i] = trace[i][0];
            y[i] = trace[i][1];
            z[i] = trace[i][2];
        }
        double[] ff = MotionFeatures.extract(t, x, y, z, n, peak, longer);
        assertEquals(90, f(ff, "angle_pre_end_deg"), 10, "arm hanging before, flat on the floor after");
        assertTrue(f(ff, "end_axis_std_g") < 0.05, "lying still at the end of the window");
        assertEquals(1, f(ff, "end_mean_g"), 0.05);
    }

    @Test
    void walkingHasNoLargeChangeNoTurnAndNoStillness() {
        double[][] trace = SyntheticTraces.walking(50, 6);
        double[] w = around(trace, 50, largestChange(trace));
        assertTrue(f(w, "peak_g") < 1.7);
        assertTrue(f(w, "angle_pre_end_deg") < 20);
        assertTrue(f(w, "end_axis_std_g") > 0.1, "walking is never still");
        assertTrue(f(w, "band_low") > 0.5, "2 Hz steps: most power below 3 Hz, was " + f(w, "band_low"));
    }

    @Test
    void missingHistoryGivesNeutralValuesNotNaN() {
        double[][] trace = SyntheticTraces.forwardFall(50, 5);
        int peak = largestChange(trace);
        // a stream that starts at the impact: no samples before it
        double[][] cut = java.util.Arrays.copyOfRange(trace, peak, trace.length);
        double[] c = around(cut, 50, 0);
        assertEquals(1, f(c, "min_pre1_g"), 0, "no history: neutral 1 g");
        assertEquals(0, f(c, "angle_pre_end_deg"), 0);
        assertEquals(0, f(c, "std_pre_g"), 0);
        for (double v : c) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void clappingAndKnockingDifferFromTheFallWhereTheModelCanSeeIt() {
        double[][] fall = SyntheticTraces.forwardFall(50, 5);
        double[][] knock = SyntheticTraces.knockOnTable(50);
        double[] ff = around(fall, 50, largestChange(fall));
        double[] kn = around(knock, 50, largestChange(knock));
        assertTrue(f(kn, "mean_abs_dev_near_g") < f(ff, "mean_abs_dev_near_g"), "a knock is a lone spike");
        assertTrue(f(kn, "angle_pre_end_deg") < 5, "the hand on the table does not turn");
    }

    @Test
    void rejectsTooFewSamplesOrAPeakOutside() {
        long[] t = {0, 20};
        double[] a = {0, 0}, b = {1, 1};
        assertThrows(IllegalArgumentException.class, () -> MotionFeatures.extract(t, a, b, a, 1, 0, W));
        assertThrows(IllegalArgumentException.class, () -> MotionFeatures.extract(t, a, b, a, 2, 2, W));
        assertEquals(MotionFeatures.count(), MotionFeatures.extract(t, a, b, a, 2, 1, W).length);
    }

    @Test
    void angleIsZeroWhenAVectorIsMissing() {
        assertEquals(0, MotionFeatures.angle(null, new double[] {0, 0, 1}));
        assertEquals(0, MotionFeatures.angle(new double[] {0, 0, 0}, new double[] {0, 0, 1}));
        assertEquals(90, MotionFeatures.angle(new double[] {0, 1, 0}, new double[] {0, 0, 2}), 1e-9);
    }
}
