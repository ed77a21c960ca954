package org.eldercare.falldetection;

import java.util.Objects;
import java.util.Optional;

/**
 * Streaming fall detector for ONE watch: feed it consecutive motion windows with {@link #accept}. Not thread
 * safe; {@link FallDetectorBank} serialises access per device.
 *
 * <p>Method (details and figures in docs/fall-detection.md): at the wrist a hard impact alone is common
 * (claps, waves, knocks on a table), so an impact only opens a candidate. The candidate becomes a fall when
 * the wrist is then still for a while (the person lies on the floor) and, before or around the impact, at
 * least {@code minSupportingPhases} of these were seen: free fall (magnitude well below 1 g in the second
 * before the impact) and a change of the wrist's orientation relative to gravity (posture before the fall
 * vs. during the stillness).
 *
 * <p>Time is the sensor's: each sample's time is {@code firstSampleEpochMs + i * 1000 / hz}, so windows at
 * different rates mix freely. Samples are kept in a bounded ring covering {@link FallDetectionParameters#historyMs()}
 * at the highest rate seen, which lets the still phase span several later windows. A jump between windows
 * of more than {@code maxGapMs} (or backwards by more than that) resets the detector: evidence across a hole
 * in the data is not trusted. Overlapping samples (a window re-sent) are ignored.
 */
public final class FallDetector {
    private static final int RING_MARGIN = 16;

    private final FallDetectionParameters p;
    private final CandidateListener listener;
    private final int blocksInWindow;
    private final int blocksNeeded;
    private SampleRing ring;
    private double ringHz;
    private long newestTime;
    private boolean empty = true;
    /** absolute number of the next sample to scan for an impact */
    private long scan;
    private Candidate pending;
    private long refractoryUntil = Long.MIN_VALUE;
    private long lastDetectedImpact = Long.MIN_VALUE;
    /** method = MODEL: the shared model and its threshold; null for the rules */
    private final FallModel model;
    private final double modelThreshold;
    private final long historyMs;
    private ModelCandidate modelPending;

    public FallDetector(FallDetectionParameters parameters) {
        this(parameters, CandidateListener.NONE);
    }

    public FallDetector(FallDetectionParameters parameters, CandidateListener listener) {
        this(parameters, listener, parameters.method() == FallDetectionParameters.Method.MODEL
                ? FallModel.fromClasspath(parameters.modelResource()) : null);
    }

    /**
     * With an explicit model (method = MODEL; used by the training command and tests); {@code model} must be
     * non-null exactly when the parameters select the model.
     */
    public FallDetector(FallDetectionParameters parameters, CandidateListener listener, FallModel model) {
        this.p = Objects.requireNonNull(parameters, "parameters");
        this.listener = Objects.requireNonNull(listener, "listener");
        if ((p.method() == FallDetectionParameters.Method.MODEL) != (model != null)) {
            throw new IllegalArgumentException("a model is needed exactly when method = MODEL");
        }
        this.model = model;
        this.modelThreshold = model == null ? Double.NaN
                : Double.isNaN(p.modelThreshold()) ? model.threshold() : p.modelThreshold();
        this.historyMs = model == null ? p.historyMs() : model.window().historyMs();
        this.blocksInWindow = (int) ((p.postImpactWindowMs() - p.settleMs()) / p.stillnessBlockMs());
        this.blocksNeeded = (int) ((p.stillnessMs() + p.stillnessBlockMs() - 1) / p.stillnessBlockMs());
    }

    public FallDetectionParameters parameters() {
        return p;
    }

    /**
     * Feeds one window of samples.
     *
     * @param firstSampleEpochMs time of {@code samplesInG[0]}
     * @param hz                 sampling rate of this window (1..1000)
     * @param samplesInG         rows of {x, y, z} in g
     * @return the fall decided while processing this window, if any (at most one per fall: a refractory period
     *         follows each detection; should two decisions fall into one call, the first is returned and both
     *         reach the listener)
     * @throws IllegalArgumentException for a malformed window (the detector's state is then unchanged)
     */
    public Optional<FallDetection> accept(long firstSampleEpochMs, double hz, double[][] samplesInG) {
        validate(hz, samplesInG);
        if (samplesInG.length == 0) {
            return Optional.empty();
        }
        if (!empty) {
            long expected = newestTime + Math.round(1000.0 / hz);
            if (firstSampleEpochMs - expected > p.maxGapMs() || newestTime - firstSampleEpochMs > p.maxGapMs()) {
                reset();
            }
        }
        if (firstSampleEpochMs < lastDetectedImpact) {
            // the watch clock went back past the last detected fall: its refractory period, measured on the
            // old clock, would otherwise blind the detector for as long as the jump
            refractoryUntil = Long.MIN_VALUE;
            lastDetectedImpact = Long.MIN_VALUE;
        }
        ensureRing(hz, firstSampleEpochMs);
        FallDetection first = null;
        for (int i = 0; i < samplesInG.length; i++) {
            long t = firstSampleEpochMs + Math.round(i * 1000.0 / hz);
            if (!empty && t <= newestTime) {
                continue; // overlap with what we already have
            }
            double[] s = samplesInG[i];
            ring.add(t, s[0], s[1], s[2]);
            newestTime = t;
            empty = false;
            FallDetection d = process();
            if (first == null) {
                first = d;
            }
        }
        return Optional.ofNullable(first);
    }

    /** Forgets the buffered samples and any undecided candidate (the refractory period survives a reset). */
    public void reset() {
        if (modelPending != null) {
            listener.onCandidate(new CandidateEvaluation(modelPending.peakTime, modelPending.peakG,
                    CandidateEvaluation.Outcome.RESET, Double.NaN, Double.NaN, 0, Double.NaN));
            modelPending = null;
        }
        if (pending != null) {
            listener.onCandidate(new CandidateEvaluation(pending.impactTime, pending.peak,
                    CandidateEvaluation.Outcome.RESET, Double.NaN, Double.NaN, pending.longestRun * p.stillnessBlockMs(), Double.NaN));
            pending = null;
        }
        empty = true;
        scan = 0;
        if (ring != null) {
            ring.clear(0);
        }
    }

    /** True while an impact awaits its decision, i.e. the stream ended (so far) within its post-impact window. */
    public boolean hasPendingCandidate() {
        return pending != null || modelPending != null;
    }

    /** Sensor time of the newest sample, or empty after a reset. */
    public Optional<Long> newestSampleEpochMs() {
        return empty ? Optional.empty() : Optional.of(newestTime);
    }

    /** Samples the ring can hold (for memory accounting). */
    public int bufferCapacity() {
        return ring == null ? 0 : ring.capacity();
    }

    private static void validate(double hz, double[][] samples) {
        if (!(hz >= 1 && hz <= 1000)) {
            throw new IllegalArgumentException("hz must be within 1..1000, was " + hz);
        }
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        for (int i = 0; i < samples.length; i++) {
            double[] s = samples[i];
            if (s == null || s.length != 3) {
                throw new IllegalArgumentException("sample " + i + " must have exactly 3 axes");
            }
            for (double v : s) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("sample " + i + " has a non-finite value");
                }
            }
        }
    }

    private void ensureRing(double hz, long firstSampleEpochMs) {
        int needed = (int) Math.ceil(historyMs / 1000.0 * hz) + RING_MARGIN;
        if (ring == null) {
            ring = new SampleRing(needed);
            ringHz = hz;
        } else if (hz > ringHz) {
            ring.ensureCapacity(needed);
            ringHz = hz;
        }
        if (empty) {
            ring.clear(firstSampleEpochMs);
        }
    }

    /** Advances the state machine after one new sample; returns a detection decided now, if any. */
    private FallDetection process() {
        if (model != null) {
            return processModel();
        }
        FallDetection detected = null;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            scanForImpact();
            if (pending != null && newestTime > pending.searchEnd) {
                Decision decision = evaluate(pending);
                if (decision != null) {
                    pending = null;
                    progressed = true;
                    if (decision.detection != null && detected == null) {
                        detected = decision.detection;
                    }
                }
            }
        }
        return detected;
    }

    private void scanForImpact() {
        while (scan < ring.end()) {
            long t = ring.time(scan);
            if (pending != null) {
                if (t > pending.searchEnd) {
                    return; // peak fixed; later samples are scanned once this candidate is decided
                }
                double m = ring.magnitude(scan);
                if (m > pending.peak) {
                    pending.peak = m;
                    pending.impactTime = t;
                }
                scan++;
                continue;
            }
            if (t >= refractoryUntil) {
                double m = ring.magnitude(scan);
                if (m >= p.impactThresholdG()) {
                    pending = new Candidate(t, m, t + p.impactPeakSearchMs());
                }
            }
            scan++;
        }
    }

    /** Checks the next complete stillness blocks of the candidate; null while undecided. */
    private Decision evaluate(Candidate c) {
        long firstBlockStart = c.impactTime + p.settleMs();
        long block = p.stillnessBlockMs();
        while (c.nextBlock < blocksInWindow) {
            long start = firstBlockStart + c.nextBlock * block;
            long end = start + block;
            if (newestTime < end) {
                return null; // block not complete yet
            }
            if (isStill(start, end)) {
                c.run++;
                c.longestRun = Math.max(c.longestRun, c.run);
            } else {
                c.run = 0;
            }
            c.nextBlock++;
            if (c.run >= blocksNeeded) {
                return decide(c, end - c.run * block, end);
            }
            if (blocksInWindow - c.nextBlock + c.run < blocksNeeded) {
                break; // not enough blocks left for a long enough still run
            }
        }
        listener.onCandidate(new CandidateEvaluation(c.impactTime, c.peak, CandidateEvaluation.Outcome.NO_STILLNESS,
                Double.NaN, freeFallMin(c), c.longestRun * block, Double.NaN));
        return Decision.REJECTED;
    }

    private Decision decide(Candidate c, long stillStart, long stillEnd) {
        double ffMin = freeFallMin(c);
        boolean freeFall = ffMin <= p.freeFallThresholdG();
        double angle = orientationChange(c, stillStart, stillEnd);
        boolean turned = angle >= p.orientationChangeDeg();
        int supporting = (freeFall ? 1 : 0) + (turned ? 1 : 0);
        long stillMs = stillEnd - stillStart;
        double activity = impactActivity(c);
        if (!(activity >= p.impactActivityMinG())) {
            listener.onCandidate(new CandidateEvaluation(c.impactTime, c.peak,
                    CandidateEvaluation.Outcome.SPIKE_ONLY, activity, ffMin, stillMs, angle));
            return Decision.REJECTED;
        }
        if (supporting < p.minSupportingPhases()) {
            listener.onCandidate(new CandidateEvaluation(c.impactTime, c.peak,
                    CandidateEvaluation.Outcome.TOO_FEW_PHASES, activity, ffMin, stillMs, angle));
            return Decision.REJECTED;
        }
        refractoryUntil = c.impactTime + p.refractoryMs();
        lastDetectedImpact = c.impactTime;
        listener.onCandidate(new CandidateEvaluation(c.impactTime, c.peak,
                CandidateEvaluation.Outcome.DETECTED, activity, ffMin, stillMs, angle));
        return new Decision(new FallDetection(c.impactTime, stillEnd, c.peak, activity, ffMin, freeFall, stillMs,
                angle, turned));
    }

    /** Mean |magnitude - 1 g| over the window centred on the impact (the samples held of it). */
    private double impactActivity(Candidate c) {
        long half = p.impactActivityWindowMs() / 2;
        double sum = 0;
        int n = 0;
        for (long i = ring.firstAtOrAfter(c.impactTime - half); i < ring.end() && ring.time(i) < c.impactTime + half; i++) {
            sum += Math.abs(ring.magnitude(i) - 1.0);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Lowest magnitude in the free-fall window before the impact; NaN without samples there. */
    private double freeFallMin(Candidate c) {
        double min = Double.NaN;
        long from = ring.firstAtOrAfter(c.impactTime - p.freeFallWindowMs());
        for (long i = from; i < ring.end() && ring.time(i) < c.impactTime; i++) {
            double m = ring.magnitude(i);
            if (Double.isNaN(min) || m < min) {
                min = m;
            }
        }
        return min;
    }

    /** Degrees between mean acceleration (≈ gravity) before the fall and during the stillness; NaN without reference. */
    private double orientationChange(Candidate c, long stillStart, long stillEnd) {
        long refEnd = c.impactTime - p.freeFallWindowMs();
        double[] before = mean(refEnd - p.orientationReferenceMs(), refEnd);
        double[] after = mean(stillStart, stillEnd);
        if (before == null || after == null) {
            return Double.NaN;
        }
        double dot = before[0] * after[0] + before[1] * after[1] + before[2] * after[2];
        double norms = Math.sqrt(before[0] * before[0] + before[1] * before[1] + before[2] * before[2])
                * Math.sqrt(after[0] * after[0] + after[1] * after[1] + after[2] * after[2]);
        if (norms == 0) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / norms))));
    }

    /** Mean vector of the samples in [from, to); null with fewer than 2 samples. */
    private double[] mean(long from, long to) {
        double sx = 0, sy = 0, sz = 0;
        int n = 0;
        for (long i = ring.firstAtOrAfter(from); i < ring.end() && ring.time(i) < to; i++) {
            sx += ring.x(i);
            sy += ring.y(i);
            sz += ring.z(i);
            n++;
        }
        return n < 2 ? null : new double[] {sx / n, sy / n, sz / n};
    }

    /**
     * A block is still when every axis' standard deviation is within the limit. The sample just before the
     * block is included so that even a low rate gives two samples and a jump at the border counts.
     */
    private boolean isStill(long from, long to) {
        long i = ring.firstAtOrAfter(from);
        if (i > ring.oldest()) {
            i--;
        }
        double sx = 0, sy = 0, sz = 0, qx = 0, qy = 0, qz = 0;
        int n = 0;
        for (; i < ring.end() && ring.time(i) < to; i++) {
            double x = ring.x(i), y = ring.y(i), z = ring.z(i);
            sx += x;
            sy += y;
            sz += z;
            qx += x * x;
            qy += y * y;
            qz += z * z;
            n++;
        }
        if (n < 2) {
            return false;
        }
        double limit = p.stillnessMaxStdG() * p.stillnessMaxStdG();
        return variance(sx, qx, n) <= limit && variance(sy, qy, n) <= limit && variance(sz, qz, n) <= limit;
    }

    private static double variance(double sum, double sumSquares, int n) {
        double mean = sum / n;
        return Math.max(0, sumSquares / n - mean * mean);
    }

    /**
     * method = MODEL. A sample with |magnitude - 1 g| >= the model's trigger opens a candidate; the largest such
     * change within the peak search is its peak; once postMs after the peak has arrived, the model scores the
     * features of [peak - preMs, peak + postMs]. Scanning for the next candidate continues after the peak search,
     * so every stretch of motion gets scored, not only the first spike.
     */
    private FallDetection processModel() {
        ModelWindow w = model.window();
        FallDetection detected = null;
        while (true) {
            while (scan < ring.end()) {
                long t = ring.time(scan);
                double dev = Math.abs(ring.magnitude(scan) - 1);
                if (modelPending != null) {
                    if (t > modelPending.searchEnd) {
                        break;
                    }
                    if (dev > modelPending.peakDev) {
                        modelPending.peakDev = dev;
                        modelPending.peakTime = t;
                        modelPending.peakG = ring.magnitude(scan);
                    }
                } else if (t >= refractoryUntil && dev >= w.triggerDevG()) {
                    modelPending = new ModelCandidate(t, dev, ring.magnitude(scan), t + w.peakSearchMs());
                }
                scan++;
            }
            ModelCandidate c = modelPending;
            if (c == null || newestTime <= c.searchEnd || newestTime < c.peakTime + w.postMs()) {
                return detected;
            }
            modelPending = null;
            FallDetection d = decideModel(c, w);
            if (d != null && detected == null) {
                detected = d;
            }
        }
    }

    private FallDetection decideModel(ModelCandidate c, ModelWindow w) {
        long from = ring.firstAtOrAfter(c.peakTime - w.preMs());
        long to = ring.firstAtOrAfter(c.peakTime + w.postMs() + 1);
        int n = (int) (to - from);
        if (n < 2) {
            return null; // a rate too low to describe the motion (1-2 Hz): nothing to score
        }
        long[] t = new long[n];
        double[] x = new double[n], y = new double[n], z = new double[n];
        int peak = 0;
        for (int k = 0; k < n; k++) {
            long i = from + k;
            t[k] = ring.time(i);
            x[k] = ring.x(i);
            y[k] = ring.y(i);
            z[k] = ring.z(i);
            if (t[k] == c.peakTime && peak == 0) {
                peak = k;
            }
        }
        double[] f = MotionFeatures.extract(t, x, y, z, n, peak, w);
        double score = model.score(f);
        boolean fall = score >= modelThreshold;
        double activity = f[MotionFeatures.NAMES.indexOf("mean_abs_dev_near_g")];
        double minBefore = f[MotionFeatures.NAMES.indexOf("min_pre1_g")];
        double angle = f[MotionFeatures.NAMES.indexOf("angle_pre_end_deg")];
        listener.onCandidate(new CandidateEvaluation(c.peakTime, c.peakG,
                fall ? CandidateEvaluation.Outcome.DETECTED : CandidateEvaluation.Outcome.BELOW_MODEL_THRESHOLD,
                activity, minBefore, 0, angle, score, f));
        if (!fall) {
            return null;
        }
        refractoryUntil = c.peakTime + p.refractoryMs();
        lastDetectedImpact = c.peakTime;
        return new FallDetection(c.peakTime, newestTime, c.peakG, activity, minBefore,
                minBefore <= p.freeFallThresholdG(), 0, angle, angle >= p.orientationChangeDeg(), score);
    }

    private static final class ModelCandidate {
        long peakTime;
        double peakDev;
        double peakG;
        final long searchEnd;

        ModelCandidate(long peakTime, double peakDev, double peakG, long searchEnd) {
            this.peakTime = peakTime;
            this.peakDev = peakDev;
            this.peakG = peakG;
            this.searchEnd = searchEnd;
        }
    }

    private static final class Candidate {
        long impactTime;
        double peak;
        final long searchEnd;
        int nextBlock;
        int run;
        int longestRun;

        Candidate(long impactTime, double peak, long searchEnd) {
            this.impactTime = impactTime;
            this.peak = peak;
            this.searchEnd = searchEnd;
        }
    }

    private record Decision(FallDetection detection) {
        static final Decision REJECTED = new Decision(null);
    }
}
