package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each decision threshold is tested on both sides of the value the trace actually produces: the detector is run
 * once to read the evidence value, then with the threshold just on each side of it.
 */
class ThresholdBoundaryTest {
    private static final double HZ = 50;
    private static final FallDetectionParameters DEFAULTS = FallDetectionParameters.rulesDefaults();
    private static final double[] TILTED = {Math.cos(Math.toRadians(40)), Math.sin(Math.toRadians(40)), 0};

    private record Run(List<FallDetection> detections, List<CandidateEvaluation> candidates) {
        CandidateEvaluation only() {
            assertEquals(1, candidates.size(), candidates.toString());
            return candidates.get(0);
        }
    }

    private static Run run(FallDetectionParameters p, double[][] trace) {
        List<CandidateEvaluation> c = new ArrayList<>();
        List<FallDetection> d = Feed.seconds(new FallDetector(p, c::add), trace, HZ, 2);
        return new Run(d, c);
    }

    private static FallDetectionParameters with(String key, double value) {
        return DEFAULTS.with(Map.of(key, Double.toString(value)));
    }

    private static FallDetectionParameters with(String key, long value) {
        return DEFAULTS.with(Map.of(key, Long.toString(value)));
    }

    /** Armchair-like drop (no free fall) that ends with the forearm turned by about 40 degrees. */
    private static double[][] turnWithoutFreeFall() {
        return SyntheticTraces.at(HZ).walking(2, SyntheticTraces.FOREARM_FORWARD)
                .still(1, SyntheticTraces.FOREARM_FORWARD, 0.01).freeFall(0.5, 0.9, SyntheticTraces.FOREARM_FORWARD)
                .impact(3.5, 80, SyntheticTraces.FOREARM_FORWARD).shake(0.5, 1.2, SyntheticTraces.FOREARM_FORWARD, TILTED)
                .still(4, TILTED, 0.01).build();
    }

    @Test
    void impactThreshold() {
        double[][] fall = SyntheticTraces.forwardFall(HZ, 5);
        assertEquals(1, run(with("impactThresholdG", 4.5), fall).detections().size(), "peak equal to threshold");
        Run above = run(with("impactThresholdG", 4.5001), fall);
        assertTrue(above.detections().isEmpty());
        assertTrue(above.candidates().isEmpty(), "no candidate below the threshold");
    }

    @Test
    void impactActivity() {
        double[][] fall = SyntheticTraces.forwardFall(HZ, 5);
        double activity = run(DEFAULTS, fall).detections().get(0).impactActivityG();
        assertEquals(1, run(with("impactActivityMinG", activity), fall).detections().size());
        Run above = run(with("impactActivityMinG", activity + 1e-9), fall);
        assertTrue(above.detections().isEmpty());
        assertEquals(CandidateEvaluation.Outcome.SPIKE_ONLY, above.only().outcome());
    }

    @Test
    void freeFallThresholdWhenItIsTheOnlySupportingPhase() {
        double[][] drop = SyntheticTraces.armchairDrop(HZ); // orientation unchanged
        double ffMin = run(DEFAULTS, drop).only().freeFallMinG();
        assertTrue(ffMin > DEFAULTS.freeFallThresholdG());
        Run at = run(with("freeFallThresholdG", ffMin), drop);
        assertEquals(1, at.detections().size());
        assertTrue(at.detections().get(0).freeFallSeen());
        assertFalse(at.detections().get(0).orientationChanged());
        assertEquals(CandidateEvaluation.Outcome.TOO_FEW_PHASES,
                run(with("freeFallThresholdG", ffMin - 1e-9), drop).only().outcome());
    }

    @Test
    void orientationThresholdWhenItIsTheOnlySupportingPhase() {
        double[][] turn = turnWithoutFreeFall();
        Run base = run(DEFAULTS, turn);
        assertEquals(1, base.detections().size());
        FallDetection d = base.detections().get(0);
        assertFalse(d.freeFallSeen());
        assertEquals(40, d.orientationChangeDeg(), 3);
        assertEquals(1, run(with("orientationChangeDeg", d.orientationChangeDeg()), turn).detections().size());
        assertEquals(CandidateEvaluation.Outcome.TOO_FEW_PHASES,
                run(with("orientationChangeDeg", d.orientationChangeDeg() + 1e-6), turn).only().outcome());
    }

    @Test
    void bothSupportingPhasesRequired() {
        var both = DEFAULTS.with(Map.of("minSupportingPhases", "2"));
        assertEquals(1, run(both, SyntheticTraces.forwardFall(HZ, 5)).detections().size(), "free fall and turn");
        assertEquals(CandidateEvaluation.Outcome.TOO_FEW_PHASES, run(both, turnWithoutFreeFall()).only().outcome());
    }

    @Test
    void stillnessStandardDeviation() {
        // lying with one axis trembling +-a: a block's standard deviation is about a
        double[][] calm = SyntheticTraces.at(HZ).walking(2, SyntheticTraces.ARM_HANGING)
                .still(1, SyntheticTraces.ARM_HANGING, 0.01).freeFall(0.5, 0.25, SyntheticTraces.ARM_HANGING)
                .impact(4.5, 60, SyntheticTraces.LYING).shake(0.4, 0.8, SyntheticTraces.ARM_HANGING, SyntheticTraces.LYING)
                .trembling(4, SyntheticTraces.LYING, 0.14).build();
        double[][] shaky = SyntheticTraces.at(HZ).walking(2, SyntheticTraces.ARM_HANGING)
                .still(1, SyntheticTraces.ARM_HANGING, 0.01).freeFall(0.5, 0.25, SyntheticTraces.ARM_HANGING)
                .impact(4.5, 60, SyntheticTraces.LYING).shake(0.4, 0.8, SyntheticTraces.ARM_HANGING, SyntheticTraces.LYING)
                .trembling(4, SyntheticTraces.LYING, 0.16).build();
        assertEquals(0.15, DEFAULTS.stillnessMaxStdG());
        assertEquals(1, run(DEFAULTS, calm).detections().size());
        assertEquals(CandidateEvaluation.Outcome.NO_STILLNESS, run(DEFAULTS, shaky).only().outcome());
    }

    /** Fall whose lying phase lasts {@code stillSeconds} before the person starts moving again. */
    private static double[][] briefLying(double stillSeconds) {
        return SyntheticTraces.at(HZ).walking(2, SyntheticTraces.ARM_HANGING)
                .still(1, SyntheticTraces.ARM_HANGING, 0.01).freeFall(0.5, 0.25, SyntheticTraces.ARM_HANGING)
                .impact(4.5, 60, SyntheticTraces.LYING).shake(0.4, 0.8, SyntheticTraces.ARM_HANGING, SyntheticTraces.LYING)
                .still(stillSeconds, SyntheticTraces.LYING, 0.01).walking(5, SyntheticTraces.LYING).build();
    }

    @Test
    void stillnessDuration() {
        // lying still for 1.2 s: enough for 750 ms of stillness (3 blocks), not for 1500 ms
        double[][] trace = briefLying(1.2);
        assertEquals(1, run(with("stillnessMs", 750L), trace).detections().size());
        Run longer = run(DEFAULTS.with(Map.of("stillnessMs", "1500", "postImpactWindowMs", "4000")), trace);
        assertTrue(longer.detections().isEmpty());
        assertEquals(CandidateEvaluation.Outcome.NO_STILLNESS, longer.only().outcome());
        assertTrue(longer.only().longestStillMs() >= 750 && longer.only().longestStillMs() < 1500,
                longer.only().toString());
    }

    @Test
    void postImpactWindow() {
        // shaking for 2.2 s after the impact, then lying still: the still run ends ~2.9 s after the impact
        double[][] late = SyntheticTraces.at(HZ).walking(2, SyntheticTraces.ARM_HANGING)
                .still(1, SyntheticTraces.ARM_HANGING, 0.01).freeFall(0.5, 0.25, SyntheticTraces.ARM_HANGING)
                .impact(4.5, 60, SyntheticTraces.LYING).shake(0.4, 0.8, SyntheticTraces.ARM_HANGING, SyntheticTraces.LYING)
                .walking(1.8, SyntheticTraces.LYING).still(5, SyntheticTraces.LYING, 0.01).build();
        assertEquals(CandidateEvaluation.Outcome.NO_STILLNESS, run(DEFAULTS, late).only().outcome());
        assertEquals(1, run(with("postImpactWindowMs", 3500L), late).detections().size());
    }

    @Test
    void maxGapBoundary() {
        double[][] fall = SyntheticTraces.forwardFall(HZ, 5);
        int impactIndex = (int) Math.round(SyntheticTraces.forwardFallImpactSeconds(HZ) * HZ);
        double[][] head = java.util.Arrays.copyOfRange(fall, 0, impactIndex + 3);
        double[][] next = java.util.Arrays.copyOfRange(fall, impactIndex + 3, impactIndex + 4);
        long expectedNext = Feed.T0 + Math.round((impactIndex + 3) * 1000.0 / HZ);

        FallDetector within = new FallDetector(DEFAULTS);
        within.accept(Feed.T0, HZ, head);
        within.accept(expectedNext + DEFAULTS.maxGapMs(), HZ, next);
        assertTrue(within.hasPendingCandidate(), "a gap of exactly maxGapMs keeps the candidate");

        FallDetector beyond = new FallDetector(DEFAULTS);
        beyond.accept(Feed.T0, HZ, head);
        beyond.accept(expectedNext + DEFAULTS.maxGapMs() + 1, HZ, next);
        assertFalse(beyond.hasPendingCandidate(), "one ms more resets");
    }
}
