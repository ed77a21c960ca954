package org.eldercare.falldetection.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.FallDetector;
import org.eldercare.falldetection.SyntheticTraces;
import org.junit.jupiter.api.Test;

class TrialReplayerTest {
    private static final TrialReplayer REPLAYER = TrialReplayer.defaults();

    private static double[] evenTimes(int n, double hz) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_000_000 + i * 1000.0 / hz;
        }
        return t;
    }

    @Test
    void burstTimestampsAreSpreadEvenlyOverTheSegment() {
        // 33 samples delivered in 4 bursts over one second, as the watch logs do
        double[] t = new double[33];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_000_000 + (i / 8) * 250.0;
        }
        t[32] = 1_001_000;
        List<TrialReplayer.Segment> s = REPLAYER.segments(t);
        assertEquals(1, s.size());
        assertEquals(32, s.get(0).hz(), 1e-9);
    }

    @Test
    void pausesSplitSegmentsAndImplausibleRatesFallBackToNominal() {
        double[] t = {0, 1, 1, 2, 3000, 3031.25, 3062.5, 3093.75};
        List<TrialReplayer.Segment> s = REPLAYER.segments(t);
        assertEquals(2, s.size());
        assertEquals(32, s.get(0).hz(), 1e-9, "4 samples within 2 ms: nominal rate");
        assertEquals(32, s.get(1).hz(), 1e-9);
        assertEquals(3000, s.get(1).startMs());
        double[] backwards = {5000, 5031, 5062, 1000, 1031, 1062};
        List<TrialReplayer.Segment> b = REPLAYER.segments(backwards);
        assertEquals(2, b.size());
        assertTrue(b.get(1).startMs() > b.get(0).startMs() + 1000, "a backward jump still replays as a later gap");
    }

    @Test
    void windowLengthDoesNotChangeTheResult() {
        double hz = 32;
        double[][] fall = SyntheticTraces.forwardFall(hz, 5);
        double[] t = evenTimes(fall.length, hz);
        var params = FallDetectionParameters.rulesDefaults();
        for (double w : new double[] {0.5, 1, 2, 5, 10}) {
            var r = new TrialReplayer(w, 1000, 32, 10, 200).replay(t, fall, new FallDetector(params));
            assertEquals(1, r.detections().size(), "window " + w);
            assertEquals(1, r.segments());
        }
    }

    @Test
    void recordingCutRightAfterTheImpactIsUndecidedUnlessPadded() {
        double hz = 32;
        double[][] fall = SyntheticTraces.forwardFall(hz, 5);
        int cut = (int) Math.round((SyntheticTraces.forwardFallImpactSeconds(hz) + 0.4) * hz);
        double[][] cropped = Arrays.copyOf(fall, cut);
        double[] t = evenTimes(cut, hz);
        var params = FallDetectionParameters.rulesDefaults();
        var strict = REPLAYER.replay(t, cropped, new FallDetector(params));
        assertFalse(strict.alerted());
        assertTrue(strict.undecidedAtEnd());
        var padded = new TrialReplayer(2, 1000, 32, 10, 200, 3).replay(t, cropped, new FallDetector(params));
        assertTrue(padded.alerted());
        assertFalse(padded.undecidedAtEnd());
    }
}
