package org.eldercare.simulators.fleet;

import java.util.Random;

/**
 * Wrist accelerometer windows (in g) for the simulated watches: ordinary movement, and a fall —
 * a short free fall, a hard impact, then lying still with the arm turned — the phases a
 * server-side fall detector looks for.
 */
public final class Motion {

    private Motion() {
    }

    /** Gentle everyday movement: gravity on the z axis plus small swings. */
    public static double[][] everyday(Random random, int hz, double seconds) {
        int n = (int) Math.round(hz * seconds);
        double[][] s = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = i / (double) hz;
            s[i] = new double[]{0.15 * Math.sin(2 * Math.PI * 1.8 * t) + random.nextGaussian() * 0.03,
                    0.1 * Math.cos(2 * Math.PI * 0.9 * t) + random.nextGaussian() * 0.03,
                    0.98 + random.nextGaussian() * 0.04};
        }
        return s;
    }

    /** One second of normal movement, ~0.4 s of free fall, a ~4 g impact, then lying still on the side. */
    public static double[][] fall(Random random, int hz, double seconds) {
        int n = (int) Math.round(hz * seconds);
        double[][] s = new double[n][];
        int fallStart = hz;
        int impact = fallStart + (int) (0.4 * hz);
        for (int i = 0; i < n; i++) {
            if (i < fallStart) {
                s[i] = new double[]{random.nextGaussian() * 0.05, random.nextGaussian() * 0.05, 1.0 + random.nextGaussian() * 0.05};
            } else if (i < impact) {
                s[i] = new double[]{random.nextGaussian() * 0.05, random.nextGaussian() * 0.05, 0.15 + random.nextGaussian() * 0.05};
            } else if (i < impact + Math.max(2, hz / 12)) {
                s[i] = new double[]{2.6 + random.nextGaussian() * 0.3, 2.4 + random.nextGaussian() * 0.3, 1.8};
            } else {
                // Lying on the side: gravity now on the x axis, almost no movement.
                s[i] = new double[]{0.97 + random.nextGaussian() * 0.01, random.nextGaussian() * 0.01, 0.12 + random.nextGaussian() * 0.01};
            }
        }
        return s;
    }
}
