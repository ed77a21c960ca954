package org.eldercare.falldetection;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates small wrist accelerometer traces (in g, at any rate) for the unit tests, so that the tests never need
 * the licensed recordings. A trace is built from phases; each phase is defined in seconds, so the same recipe
 * gives the same motion at 25, 32, 50 or 100 Hz. Conventions:
 * <ul>
 *   <li>At rest the watch reads +1 g along the "up" direction of its own axes: {@link #ARM_HANGING} (standing,
 *       arm down), {@link #LYING} (forearm flat on the floor: 90 degrees from hanging), {@link #ON_TABLE}.</li>
 *   <li>Noise is Gaussian with a fixed seed (deterministic); still phases use 0.01 g, well under the default
 *       stillness limit of 0.15 g.</li>
 *   <li>Walking: 1 g along the arm plus a 2 Hz, 0.6 g step oscillation and a 1 Hz, 0.3 g arm swing across it.
 *       The standard deviation of a 0.6 g sinusoid over any quarter second is at least about 0.19 g, so walking
 *       is never "still".</li>
 *   <li>Free fall: the magnitude falls from 1 g to {@code minG} and comes back (a cosine dip), direction unchanged.</li>
 *   <li>Impact: a triangular spike lasting {@code ms} whose middle sample is exactly {@code peakG} along a direction.</li>
 *   <li>Shake: a decaying 8 Hz oscillation on top of gravity while the gravity direction turns from one posture to
 *       another (the body rolling onto the floor, the arm settling).</li>
 * </ul>
 */
public final class SyntheticTraces {
    public static final double[] ARM_HANGING = {0, 1, 0};
    public static final double[] LYING = {0, 0, 1};
    public static final double[] ON_TABLE = {0, 0, 1};
    public static final double[] FOREARM_FORWARD = {1, 0, 0};

    private final double hz;
    private final Random random;
    private final List<double[]> samples = new ArrayList<>();

    public SyntheticTraces(double hz, long seed) {
        this.hz = hz;
        this.random = new Random(seed);
    }

    public static SyntheticTraces at(double hz) {
        return new SyntheticTraces(hz, 42);
    }

    public int size() {
        return samples.size();
    }

    /** Time of the next sample to be generated, seconds from the start. */
    public double nowSeconds() {
        return samples.size() / hz;
    }

    public double[][] build() {
        return samples.toArray(new double[0][]);
    }

    private int count(double seconds) {
        return (int) Math.round(seconds * hz);
    }

    private void add(double x, double y, double z) {
        samples.add(new double[] {x, y, z});
    }

    public SyntheticTraces still(double seconds, double[] up, double noiseG) {
        for (int i = 0, n = count(seconds); i < n; i++) {
            add(up[0] + noiseG * random.nextGaussian(), up[1] + noiseG * random.nextGaussian(),
                    up[2] + noiseG * random.nextGaussian());
        }
        return this;
    }

    /** Still, but one axis alternates +a / -a around gravity: a block's standard deviation is then about a. */
    public SyntheticTraces trembling(double seconds, double[] up, double amplitudeG) {
        for (int i = 0, n = count(seconds); i < n; i++) {
            double d = (i % 2 == 0 ? 1 : -1) * amplitudeG;
            add(up[0] + d, up[1], up[2]);
        }
        return this;
    }

    public SyntheticTraces walking(double seconds, double[] up) {
        double[] across = cross(up);
        for (int i = 0, n = count(seconds); i < n; i++) {
            double t = i / hz;
            double step = 0.6 * Math.sin(2 * Math.PI * 2.0 * t);
            double swing = 0.3 * Math.sin(2 * Math.PI * 1.0 * t);
            add(up[0] * (1 + step) + across[0] * swing, up[1] * (1 + step) + across[1] * swing,
                    up[2] * (1 + step) + across[2] * swing);
        }
        return this;
    }

    public SyntheticTraces freeFall(double seconds, double minG, double[] up) {
        for (int i = 0, n = count(seconds); i < n; i++) {
            double phase = (i + 0.5) / n; // 0..1
            double m = 1 - (1 - minG) * 0.5 * (1 - Math.cos(2 * Math.PI * phase));
            add(up[0] * m, up[1] * m, up[2] * m);
        }
        return this;
    }

    /** Triangular spike; the middle sample has magnitude exactly {@code peakG} along {@code direction}. */
    public SyntheticTraces impact(double peakG, double ms, double[] direction) {
        int n = Math.max(1, count(ms / 1000.0));
        if (n % 2 == 0) {
            n++;
        }
        int mid = n / 2;
        for (int i = 0; i < n; i++) {
            double m = i == mid ? peakG : 1 + (peakG - 1) * (1 - Math.abs(i - mid) / (double) (mid + 1));
            add(direction[0] * m, direction[1] * m, direction[2] * m);
        }
        return this;
    }

    public SyntheticTraces shake(double seconds, double amplitudeG, double[] from, double[] to) {
        for (int i = 0, n = count(seconds); i < n; i++) {
            double f = n == 1 ? 1 : i / (double) (n - 1);
            double[] g = normalize(new double[] {from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f,
                from[2] + (to[2] - from[2]) * f});
            double osc = amplitudeG * (1 - f) * Math.sin(2 * Math.PI * 8 * i / hz);
            add(g[0] * (1 + osc), g[1] * (1 + osc) + osc * 0.5, g[2] * (1 + osc));
        }
        return this;
    }

    // ---- recipes -------------------------------------------------------------------------------------------

    /** Seconds from the start of {@link #forwardFall} to its impact peak. */
    public static double forwardFallImpactSeconds(double hz) {
        SyntheticTraces t = at(hz).walking(2, ARM_HANGING).still(1, ARM_HANGING, 0.01).freeFall(0.5, 0.25, ARM_HANGING);
        return t.nowSeconds() + Math.max(1, (int) Math.round(0.06 * hz)) / 2 / hz;
    }

    /**
     * Forward fall: 2 s walking, 1 s standing, 0.5 s free fall (down to 0.25 g), a 4.5 g impact of 60 ms, 0.4 s of
     * shaking while the forearm turns flat onto the floor, then lying still for {@code lyingSeconds}.
     */
    public static double[][] forwardFall(double hz, double lyingSeconds) {
        return at(hz).walking(2, ARM_HANGING).still(1, ARM_HANGING, 0.01).freeFall(0.5, 0.25, ARM_HANGING)
                .impact(4.5, 60, LYING).shake(0.4, 0.8, ARM_HANGING, LYING).still(lyingSeconds, LYING, 0.01).build();
    }

    /** Like {@link #forwardFall} but the person gets up at once and walks away: no stillness after the impact. */
    public static double[][] fallThenGetUp(double hz) {
        return at(hz).walking(2, ARM_HANGING).still(1, ARM_HANGING, 0.01).freeFall(0.5, 0.25, ARM_HANGING)
                .impact(4.5, 60, LYING).shake(0.4, 0.8, ARM_HANGING, LYING).shake(0.6, 0.8, LYING, ARM_HANGING)
                .walking(5, ARM_HANGING).build();
    }

    public static double[][] walking(double hz, double seconds) {
        return at(hz).walking(seconds, ARM_HANGING).build();
    }

    /**
     * Clapping: forearms forward, 8 claps (5 g spikes of 20 ms) every 0.5 s while the hands move apart and
     * together (walking-like 2 Hz motion), then the hands come down and the person walks away.
     */
    public static double[][] clapping(double hz) {
        SyntheticTraces t = at(hz).still(1, FOREARM_FORWARD, 0.01);
        for (int i = 0; i < 8; i++) {
            t.impact(5, 20, FOREARM_FORWARD).walking(0.5, FOREARM_FORWARD);
        }
        return t.shake(0.5, 0.5, FOREARM_FORWARD, ARM_HANGING).walking(4, ARM_HANGING).build();
    }

    /**
     * Knocking on a table: hand resting on the table, lifted slightly (0.2 s, small motion), one 4 g knock of
     * 20 ms, resting again. The hand is still before and after and turns not at all: only the lack of activity
     * around the spike tells it from a fall.
     */
    public static double[][] knockOnTable(double hz) {
        return at(hz).still(2, ON_TABLE, 0.01).shake(0.2, 0.15, ON_TABLE, ON_TABLE).impact(4, 20, ON_TABLE)
                .still(4, ON_TABLE, 0.01).build();
    }

    /** Sitting down hard: walking, lowering (wrist dips to 0.85 g), a 2.2 g bump, sitting still, arm unchanged. */
    public static double[][] sittingDownHard(double hz) {
        return at(hz).walking(2, ARM_HANGING).freeFall(0.6, 0.85, ARM_HANGING).impact(2.2, 80, ARM_HANGING)
                .shake(0.3, 0.3, ARM_HANGING, ARM_HANGING).still(4, ARM_HANGING, 0.01).build();
    }

    /**
     * Dropping into an armchair with the hands on the armrests: 3.5 g at the wrist, lots of movement around it,
     * stillness after, but no free fall (magnitude only dips to 0.9 g) and the forearm keeps its orientation.
     * The person stands for a second before sitting: walking itself swings the wrist's magnitude down to 0.4 g,
     * which the free-fall test cannot tell from a fall (one reason that phase separates poorly at the wrist).
     */
    public static double[][] armchairDrop(double hz) {
        return at(hz).walking(2, FOREARM_FORWARD).still(1, FOREARM_FORWARD, 0.01).freeFall(0.5, 0.9, FOREARM_FORWARD).impact(3.5, 80, FOREARM_FORWARD)
                .shake(0.5, 1.2, FOREARM_FORWARD, FOREARM_FORWARD).still(4, FOREARM_FORWARD, 0.01).build();
    }

    private static double[] cross(double[] up) {
        double[] other = Math.abs(up[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        return normalize(new double[] {up[1] * other[2] - up[2] * other[1], up[2] * other[0] - up[0] * other[2],
            up[0] * other[1] - up[1] * other[0]});
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
