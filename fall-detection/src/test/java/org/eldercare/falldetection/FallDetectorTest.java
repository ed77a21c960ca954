package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FallDetectorTest {
    private static final FallDetectionParameters DEFAULTS = FallDetectionParameters.rulesDefaults();

    private static List<CandidateEvaluation> candidates(FallDetectionParameters p, double[][] trace, double hz,
                                                        List<FallDetection> detections) {
        List<CandidateEvaluation> seen = new ArrayList<>();
        FallDetector d = new FallDetector(p, seen::add);
        detections.addAll(Feed.seconds(d, trace, hz, 2));
        return seen;
    }

    private static List<FallDetection> detect(FallDetectionParameters p, double[][] trace, double hz) {
        return Feed.seconds(new FallDetector(p), trace, hz, 2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {25, 32, 50, 100})
    void forwardFallIsDetectedOnceWithItsEvidenceAtEveryRate(double hz) {
        List<FallDetection> found = detect(DEFAULTS, SyntheticTraces.forwardFall(hz, 5), hz);

        assertEquals(1, found.size());
        FallDetection f = found.get(0);
        long expectedImpact = Feed.T0 + Math.round(SyntheticTraces.forwardFallImpactSeconds(hz) * 1000);
        assertTrue(Math.abs(f.impactEpochMs() - expectedImpact) <= 1000 / hz + 1, "impact time " + f);
        assertEquals(4.5, f.peakG(), 1e-5);
        assertTrue(f.freeFallSeen());
        assertTrue(f.freeFallMinG() < 0.3, "free fall min " + f.freeFallMinG());
        assertTrue(f.orientationChanged());
        assertEquals(90, f.orientationChangeDeg(), 10, "walking before the fall leans the reference a little");
        assertTrue(f.stillnessMs() >= DEFAULTS.stillnessMs());
        assertTrue(f.impactActivityG() >= DEFAULTS.impactActivityMinG());
        // decided as soon as the still period is complete, not at the end of the trace
        assertTrue(f.detectedEpochMs() - f.impactEpochMs() <= DEFAULTS.postImpactWindowMs());
        assertTrue(f.explanation().contains("impact 4.5 g"), f.explanation());
    }

    @Test
    void fallFollowedByGettingUpIsNotAFall() {
        List<FallDetection> found = new ArrayList<>();
        List<CandidateEvaluation> c = candidates(DEFAULTS, SyntheticTraces.fallThenGetUp(50), 50, found);
        assertTrue(found.isEmpty());
        assertTrue(c.stream().anyMatch(e -> e.outcome() == CandidateEvaluation.Outcome.NO_STILLNESS));
    }

    @ParameterizedTest
    @ValueSource(doubles = {25, 50, 100})
    void dailyActivitiesAreNotFalls(double hz) {
        assertTrue(detect(DEFAULTS, SyntheticTraces.walking(hz, 20), hz).isEmpty(), "walking");
        assertTrue(detect(DEFAULTS, SyntheticTraces.clapping(hz), hz).isEmpty(), "clapping");
        assertTrue(detect(DEFAULTS, SyntheticTraces.knockOnTable(hz), hz).isEmpty(), "knock");
        assertTrue(detect(DEFAULTS, SyntheticTraces.sittingDownHard(hz), hz).isEmpty(), "sitting down hard");
        assertTrue(detect(DEFAULTS, SyntheticTraces.armchairDrop(hz), hz).isEmpty(), "armchair drop");
    }

    @Test
    void eachDailyActivityIsRejectedForTheExpectedReason() {
        List<FallDetection> none = new ArrayList<>();
        assertTrue(candidates(DEFAULTS, SyntheticTraces.walking(50, 20), 50, none).isEmpty(), "walking: no impact");
        assertTrue(candidates(DEFAULTS, SyntheticTraces.sittingDownHard(50), 50, none).isEmpty(), "2.2 g: no impact");

        List<CandidateEvaluation> claps = candidates(DEFAULTS, SyntheticTraces.clapping(50), 50, none);
        assertFalse(claps.isEmpty());
        assertTrue(claps.stream().allMatch(e -> e.outcome() == CandidateEvaluation.Outcome.NO_STILLNESS), claps.toString());

        List<CandidateEvaluation> knock = candidates(DEFAULTS, SyntheticTraces.knockOnTable(50), 50, none);
        assertEquals(1, knock.size());
        assertEquals(CandidateEvaluation.Outcome.SPIKE_ONLY, knock.get(0).outcome());

        List<CandidateEvaluation> armchair = candidates(DEFAULTS, SyntheticTraces.armchairDrop(50), 50, none);
        assertEquals(1, armchair.size());
        assertEquals(CandidateEvaluation.Outcome.TOO_FEW_PHASES, armchair.get(0).outcome(), armchair.toString());
        assertTrue(none.isEmpty());
    }

    @Test
    void armchairDropCountsAsFallWhenNoSupportingPhaseIsRequired() {
        var p = DEFAULTS.with(Map.of("minSupportingPhases", "0"));
        assertEquals(1, detect(p, SyntheticTraces.armchairDrop(50), 50).size());
    }

    // ---- window boundaries, rates, gaps ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 13, 25, 50, 64, 100, 250, 500})
    void windowSizeDoesNotChangeTheDecision(int windowSamples) {
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        List<FallDetection> whole = Feed.windows(new FallDetector(DEFAULTS), trace, hz, trace.length, Feed.T0);
        List<FallDetection> split = Feed.windows(new FallDetector(DEFAULTS), trace, hz, windowSamples, Feed.T0);
        assertEquals(whole, split);
        assertEquals(1, split.size());
    }

    @Test
    void impactInOneWindowAndStillnessInTheNextIsDetectedWhenTheStillnessArrives() {
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        int impactIndex = (int) Math.round(SyntheticTraces.forwardFallImpactSeconds(hz) * hz);
        FallDetector d = new FallDetector(DEFAULTS);
        Optional<FallDetection> first = d.accept(Feed.T0, hz, Arrays.copyOfRange(trace, 0, impactIndex + 3));
        assertTrue(first.isEmpty());
        assertTrue(d.hasPendingCandidate(), "the impact waits for its post-impact phase");
        Optional<FallDetection> second = d.accept(Feed.T0 + Math.round((impactIndex + 3) * 1000.0 / hz), hz,
                Arrays.copyOfRange(trace, impactIndex + 3, trace.length));
        assertTrue(second.isPresent());
        assertFalse(d.hasPendingCandidate());
    }

    @Test
    void rateMayChangeBetweenWindows() {
        // the same motion, first part sent at 25 Hz, the rest (from just before the impact) at 100 Hz
        double[][] low = SyntheticTraces.forwardFall(25, 5);
        double[][] high = SyntheticTraces.forwardFall(100, 5);
        double splitSeconds = 3.0;
        FallDetector d = new FallDetector(DEFAULTS);
        int capacityBefore;
        d.accept(Feed.T0, 25, Arrays.copyOfRange(low, 0, (int) (splitSeconds * 25)));
        capacityBefore = d.bufferCapacity();
        List<FallDetection> found = Feed.windows(d, Arrays.copyOfRange(high, (int) (splitSeconds * 100), high.length),
                100, 100, Feed.T0 + (long) (splitSeconds * 1000));
        assertEquals(1, found.size());
        assertTrue(found.get(0).freeFallSeen());
        assertEquals(90, found.get(0).orientationChangeDeg(), 10, "posture reference kept across the rate change");
        assertTrue(d.bufferCapacity() > capacityBefore, "ring grew for the higher rate");
    }

    @Test
    void gapLongerThanMaxGapResetsAPendingCandidate() {
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        int impactIndex = (int) Math.round(SyntheticTraces.forwardFallImpactSeconds(hz) * hz);
        List<CandidateEvaluation> seen = new ArrayList<>();
        FallDetector d = new FallDetector(DEFAULTS, seen::add);
        d.accept(Feed.T0, hz, Arrays.copyOfRange(trace, 0, impactIndex + 3));
        long nextStart = Feed.T0 + Math.round((impactIndex + 3) * 1000.0 / hz);
        Optional<FallDetection> afterGap = d.accept(nextStart + DEFAULTS.maxGapMs() + 100, hz,
                Arrays.copyOfRange(trace, impactIndex + 3, trace.length));
        assertTrue(afterGap.isEmpty());
        assertEquals(1, seen.size());
        assertEquals(CandidateEvaluation.Outcome.RESET, seen.get(0).outcome());
    }

    @Test
    void gapJustWithinMaxGapIsNotAReset() {
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        int impactIndex = (int) Math.round(SyntheticTraces.forwardFallImpactSeconds(hz) * hz);
        FallDetector d = new FallDetector(DEFAULTS);
        d.accept(Feed.T0, hz, Arrays.copyOfRange(trace, 0, impactIndex + 3));
        long nextStart = Feed.T0 + Math.round((impactIndex + 3) * 1000.0 / hz);
        // 50 ms late (one lost packet of two samples) is well within maxGapMs
        Optional<FallDetection> found = d.accept(nextStart + 40, hz, Arrays.copyOfRange(trace, impactIndex + 5, trace.length));
        assertTrue(found.isPresent());
    }

    @Test
    void clockGoingBackwardsResetsButResentOverlapIsIgnored() {
        double hz = 50;
        double[][] trace = SyntheticTraces.forwardFall(hz, 5);
        // re-sending each window twice (e.g. a retried upload) changes nothing
        FallDetector d = new FallDetector(DEFAULTS);
        List<FallDetection> found = new ArrayList<>();
        for (int from = 0; from < trace.length; from += 50) {
            double[][] w = Arrays.copyOfRange(trace, from, Math.min(trace.length, from + 50));
            long start = Feed.T0 + from * 20L;
            d.accept(start, hz, w).ifPresent(found::add);
            d.accept(start, hz, w).ifPresent(found::add);
        }
        assertEquals(1, found.size());

        FallDetector back = new FallDetector(DEFAULTS);
        back.accept(Feed.T0, hz, Arrays.copyOfRange(trace, 0, 100));
        back.accept(Feed.T0 - 60_000, hz, Arrays.copyOfRange(trace, 0, 10));
        assertEquals(Optional.of(Feed.T0 - 60_000 + 180), back.newestSampleEpochMs());
    }

    @ParameterizedTest
    @CsvSource({"10000, 1", "40000, 2"})
    void refractoryPeriodAllowsOneDetectionPerFall(int secondFallAfterMs, int expected) {
        double hz = 25;
        double[][] fall = SyntheticTraces.forwardFall(hz, 5);
        double[][] fallWithLying = SyntheticTraces.forwardFall(hz, secondFallAfterMs / 1000.0 - 3.96);
        FallDetector d = new FallDetector(DEFAULTS);
        List<FallDetection> found = new ArrayList<>(Feed.windows(d, fallWithLying, hz, 50, Feed.T0));
        long t = Feed.T0 + Math.round(fallWithLying.length * 1000.0 / hz);
        found.addAll(Feed.windows(d, fall, hz, 50, t));
        assertEquals(expected, found.size());
    }

    @Test
    void lyingStillForHoursProducesNoFurtherAlerts() {
        double hz = 25;
        FallDetector d = new FallDetector(DEFAULTS);
        List<FallDetection> found = new ArrayList<>(Feed.windows(d, SyntheticTraces.forwardFall(hz, 60), hz, 250, Feed.T0));
        double[][] still = SyntheticTraces.at(hz).still(10, SyntheticTraces.LYING, 0.01).build();
        long t = Feed.T0 + 64_000;
        for (int i = 0; i < 360; i++, t += 10_000) {
            d.accept(t, hz, still).ifPresent(found::add);
        }
        assertEquals(1, found.size());
        assertTrue(d.bufferCapacity() <= Math.ceil(DEFAULTS.historyMs() / 1000.0 * hz) + 16, "ring stays bounded");
    }

    @Test
    void clockJumpingBackBeforeADetectedFallDoesNotBlindTheDetector() {
        double hz = 25;
        double[][] fall = SyntheticTraces.forwardFall(hz, 5);
        FallDetector d = new FallDetector(DEFAULTS);
        assertEquals(1, Feed.windows(d, fall, hz, 50, Feed.T0).size());
        // the watch resynchronises its clock one hour back; a new fall right after must still be reported
        assertEquals(1, Feed.windows(d, fall, hz, 50, Feed.T0 - 3_600_000).size());
    }

    @Test
    void streamingForTwoWeeksWithoutAGapKeepsCorrectTimes() {
        // sample offsets are ints from a base time; more than 2^31 ms (24.8 days) must not overflow them
        double hz = 1;
        FallDetector d = new FallDetector(DEFAULTS);
        double[][] still = SyntheticTraces.at(hz).still(600, SyntheticTraces.ARM_HANGING, 0.01).build();
        long t = Feed.T0;
        for (int i = 0; i < 30 * 24 * 6; i++, t += 600_000) { // 30 days in 10-minute windows
            d.accept(t, hz, still);
        }
        assertEquals(Optional.of(t - 1000), d.newestSampleEpochMs());
        double[][] fall = SyntheticTraces.forwardFall(25, 5);
        assertEquals(1, Feed.windows(d, fall, 25, 50, t).size(), "still detects after a month of streaming");
    }

    // ---- input validation -----------------------------------------------------------------------------------

    @Test
    void malformedWindowsAreRejectedWithoutChangingState() {
        FallDetector d = new FallDetector(DEFAULTS);
        d.accept(Feed.T0, 50, new double[][] {{0, 1, 0}});
        assertThrows(IllegalArgumentException.class, () -> d.accept(Feed.T0 + 20, 0, new double[][] {{0, 1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> d.accept(Feed.T0 + 20, Double.NaN, new double[][] {{0, 1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> d.accept(Feed.T0 + 20, 50, null));
        assertThrows(IllegalArgumentException.class, () -> d.accept(Feed.T0 + 20, 50, new double[][] {{0, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> d.accept(Feed.T0 + 20, 50, new double[][] {{0, 1, 0}, {0, Double.POSITIVE_INFINITY, 0}}));
        assertEquals(Optional.of(Feed.T0), d.newestSampleEpochMs());
        assertTrue(d.accept(Feed.T0 + 20, 50, new double[0][]).isEmpty());
    }
}
