package org.eldercare.falldetection.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eldercare.falldetection.FallDetection;
import org.eldercare.falldetection.FallDetector;

/**
 * Replays a trial through a {@link FallDetector} the way a watch would send it: consecutive windows of
 * {@code windowSeconds} at the trial's rate, each with the time of its first sample.
 *
 * <p>Recorded timestamps are repaired first, because phone/watch logs timestamp samples in delivery bursts
 * (many samples with the same millisecond, then a pause): the trial is cut into segments at every pause longer
 * than {@code splitGapMs} or backward jump larger than that, and inside a segment samples are taken as evenly
 * spaced between its first and last time (the sensor samples at a fixed rate; the bursts are delivery). A
 * segment whose implied rate lies outside [{@code minHz}, {@code maxHz}] (e.g. a burst of a few samples with
 * one timestamp) is replayed at {@code nominalHz}. Segments keep their real start times, so the detector sees
 * the pauses between them as gaps and resets, as it would in service.
 */
public final class TrialReplayer {
    private final double windowSeconds;
    private final double splitGapMs;
    private final double nominalHz;
    private final double minHz;
    private final double maxHz;
    private final double padEndSeconds;

    public TrialReplayer(double windowSeconds, double splitGapMs, double nominalHz, double minHz, double maxHz) {
        this(windowSeconds, splitGapMs, nominalHz, minHz, maxHz, 0);
    }

    /**
     * @param padEndSeconds seconds of the trial's last sample repeated after its end: a "what if the wearer had
     *                      stayed still after the recording stopped" scenario for hand-cropped trials, applied to
     *                      falls and daily activities alike (0 = replay exactly what was recorded)
     */
    public TrialReplayer(double windowSeconds, double splitGapMs, double nominalHz, double minHz, double maxHz,
                         double padEndSeconds) {
        if (!(windowSeconds > 0) || !(splitGapMs > 0) || !(nominalHz >= 1) || !(minHz >= 1) || !(maxHz >= minHz)
                || !(padEndSeconds >= 0)) {
            throw new IllegalArgumentException("invalid replay settings");
        }
        this.padEndSeconds = padEndSeconds;
        this.windowSeconds = windowSeconds;
        this.splitGapMs = splitGapMs;
        this.nominalHz = nominalHz;
        this.minHz = minHz;
        this.maxHz = maxHz;
    }

    public static TrialReplayer defaults() {
        return new TrialReplayer(2.0, 1000, 32, 10, 200);
    }

    /**
     * @param detections     everything the detector reported
     * @param undecidedAtEnd an impact was still awaiting its post-impact phase when the recording ended
     * @param segments       number of contiguous segments the trial was cut into
     */
    public record Result(List<FallDetection> detections, boolean undecidedAtEnd, int segments) {
        public boolean alerted() {
            return !detections.isEmpty();
        }
    }

    /** A contiguous run of samples [from, to) with its start time and rate. */
    record Segment(int from, int to, long startMs, double hz) {
    }

    public Result replay(double[] timesMs, double[][] samplesG, FallDetector detector) {
        List<FallDetection> found = new ArrayList<>();
        List<Segment> segments = segments(timesMs);
        for (Segment s : segments) {
            int perWindow = Math.max(1, (int) Math.round(windowSeconds * s.hz()));
            for (int from = s.from(); from < s.to(); from += perWindow) {
                int to = Math.min(s.to(), from + perWindow);
                long t0 = s.startMs() + Math.round((from - s.from()) * 1000.0 / s.hz());
                detector.accept(t0, s.hz(), Arrays.copyOfRange(samplesG, from, to)).ifPresent(found::add);
            }
        }
        if (padEndSeconds > 0 && !segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            int n = (int) Math.round(padEndSeconds * last.hz());
            double[][] pad = new double[n][];
            Arrays.fill(pad, samplesG[last.to() - 1]);
            long t0 = last.startMs() + Math.round((last.to() - last.from()) * 1000.0 / last.hz());
            detector.accept(t0, last.hz(), pad).ifPresent(found::add);
        }
        return new Result(found, detector.hasPendingCandidate(), segments.size());
    }

    List<Segment> segments(double[] t) {
        List<Segment> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= t.length; i++) {
            boolean cut = i == t.length || t[i] - t[i - 1] > splitGapMs || t[i - 1] - t[i] > splitGapMs;
            if (cut) {
                out.add(segment(t, start, i));
                start = i;
            }
        }
        // segments are replayed in order; a backward jump must not make the next one start before the last ends
        for (int k = 1; k < out.size(); k++) {
            Segment prev = out.get(k - 1);
            long prevEnd = prev.startMs() + Math.round((prev.to() - prev.from()) * 1000.0 / prev.hz());
            Segment cur = out.get(k);
            if (cur.startMs() < prevEnd + splitGapMs) {
                out.set(k, new Segment(cur.from(), cur.to(), prevEnd + (long) splitGapMs + 1, cur.hz()));
            }
        }
        return out;
    }

    private Segment segment(double[] t, int from, int to) {
        int n = to - from;
        double span = t[to - 1] - t[from];
        double hz = n >= 2 && span > 0 ? (n - 1) * 1000.0 / span : Double.NaN;
        if (!(hz >= minHz && hz <= maxHz)) {
            hz = nominalHz;
        }
        return new Segment(from, to, Math.round(t[from]), hz);
    }
}
