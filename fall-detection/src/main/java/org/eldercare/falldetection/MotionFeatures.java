package org.eldercare.falldetection;

import java.util.List;

/**
 * Features of the wrist motion around one candidate peak, for {@link FallModel}. They are chosen to survive short
 * recordings (only {@link ModelWindow#postMs()} after the peak is needed) and to be independent of how the watch
 * sits on the wrist (magnitudes, angles between mean vectors, per-axis spread; never a raw axis).
 *
 * <p>Regions, relative to the peak time p: pre = [p - preMs, p), pre1 = [p - 1 s, p), near = [p - 0.5 s, p + 0.5 s],
 * post = (p, p + postMs], end = the last 0.5 s of post, all = pre + post. Missing history (a stream that started
 * late) gives neutral values (magnitude 1 g, no spread, no angle), never NaN.
 */
public final class MotionFeatures {
    public static final List<String> NAMES = List.of(
            "peak_g", "peak_dev_g", "min_pre1_g", "max_g", "min_g", "range_g",
            "std_all_g", "std_pre_g", "std_post_g", "mean_abs_dev_near_g", "mean_abs_dev_pre_far_g",
            "energy_all", "energy_post", "max_jerk_gps", "angle_pre_end_deg", "angle_short_deg",
            "end_axis_std_g", "end_mean_g", "frac_above_2g_near", "frac_below_06g_pre1", "peaks_above_18g",
            "burst_s", "log_power", "band_low", "band_mid", "band_high", "peak_rel_pos");

    public static int count() {
        return NAMES.size();
    }

    private MotionFeatures() {
    }

    /**
     * @param t     sample times, ms, non-decreasing
     * @param x     axes in g (only the first {@code n} entries are used)
     * @param n     number of samples; they should cover [p - preMs, p + postMs]
     * @param peak  index of the candidate peak
     */
    public static double[] extract(long[] t, double[] x, double[] y, double[] z, int n, int peak, ModelWindow w) {
        if (n < 2 || peak < 0 || peak >= n) {
            throw new IllegalArgumentException("need at least 2 samples and a peak inside them");
        }
        // Watches send 25-100 Hz but the model learnt from ~32 Hz recordings: features such as jerk, peak counts
        // and spectral shares depend on the rate, so every window is first resampled onto a 32 Hz grid anchored
        // at the peak (the peak sample itself is kept exactly).
        double[][] r = resample(t, x, y, z, n, peak);
        return extractUniform(r[0], r[1], r[2], r[3], (int) r[4][0], w);
    }

    /** Rate all windows are resampled to before the features are computed. */
    public static final double FEATURE_HZ = 32;

    /** Linear interpolation of the axes onto t_peak + k / FEATURE_HZ within [t[0], t[n-1]]. */
    private static double[][] resample(long[] t, double[] x, double[] y, double[] z, int n, int peak) {
        double step = 1000.0 / FEATURE_HZ;
        long tp = t[peak];
        int before = (int) Math.floor((tp - t[0]) / step);
        int after = (int) Math.floor((t[n - 1] - tp) / step);
        int m = before + after + 1;
        double[] ts = new double[m], xs = new double[m], ys = new double[m], zs = new double[m];
        int j = 0;
        for (int k = 0; k < m; k++) {
            double tk = tp + (k - before) * step;
            if (k == before) {
                ts[k] = tp;
                xs[k] = x[peak];
                ys[k] = y[peak];
                zs[k] = z[peak];
                continue;
            }
            while (j < n - 2 && t[j + 1] < tk) {
                j++;
            }
            double span = t[j + 1] - t[j];
            double a = span <= 0 ? 0 : Math.max(0, Math.min(1, (tk - t[j]) / span));
            ts[k] = tk;
            xs[k] = x[j] + a * (x[j + 1] - x[j]);
            ys[k] = y[j] + a * (y[j + 1] - y[j]);
            zs[k] = z[j] + a * (z[j + 1] - z[j]);
        }
        return new double[][] {ts, xs, ys, zs, {before}};
    }

    private static double[] extractUniform(double[] td, double[] x, double[] y, double[] z, int peak,
                                           ModelWindow w) {
        int n = td.length;
        if (n < 2) {
            // shorter than one 32 Hz step: repeat the sample so that the features stay defined
            td = new double[] {td[0], td[0] + 1000.0 / FEATURE_HZ};
            x = new double[] {x[0], x[0]};
            y = new double[] {y[0], y[0]};
            z = new double[] {z[0], z[0]};
            n = 2;
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(td[i]);
        }
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = Math.sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
        }
        long p = t[peak];
        long postEnd = p + w.postMs();
        double[] f = new double[count()];
        int k = 0;
        f[k++] = m[peak];
        f[k++] = Math.abs(m[peak] - 1);
        f[k++] = min(m, t, n, p - 1000, p, 1);
        f[k++] = max(m, t, n, Long.MIN_VALUE, Long.MAX_VALUE, 1);
        f[k++] = min(m, t, n, Long.MIN_VALUE, Long.MAX_VALUE, 1);
        f[k] = f[k - 2] - f[k - 1];
        k++;
        f[k++] = std(m, t, n, Long.MIN_VALUE, Long.MAX_VALUE);
        f[k++] = std(m, t, n, p - w.preMs(), p);
        f[k++] = std(m, t, n, p + 1, postEnd + 1);
        f[k++] = meanAbsDev(m, t, n, p - 500, p + 501);
        f[k++] = meanAbsDev(m, t, n, p - w.preMs(), p - 1000);
        f[k++] = energy(m, t, n, Long.MIN_VALUE, Long.MAX_VALUE);
        f[k++] = energy(m, t, n, p + 1, postEnd + 1);
        double jerk = 0;
        for (int i = 1; i < n; i++) {
            if (t[i] >= p - 500 && t[i] <= p + 500 && t[i] > t[i - 1]) {
                jerk = Math.max(jerk, Math.abs(m[i] - m[i - 1]) * 1000.0 / (t[i] - t[i - 1]));
            }
        }
        f[k++] = jerk;
        long endFrom = postEnd - 500;
        f[k++] = angle(meanVector(x, y, z, t, n, p - 1000, p - 250), meanVector(x, y, z, t, n, endFrom + 1, postEnd + 1));
        f[k++] = angle(meanVector(x, y, z, t, n, p - 750, p - 250), meanVector(x, y, z, t, n, p + 250, p + 751));
        f[k++] = Math.max(std(x, t, n, endFrom + 1, postEnd + 1),
                Math.max(std(y, t, n, endFrom + 1, postEnd + 1), std(z, t, n, endFrom + 1, postEnd + 1)));
        f[k++] = mean(m, t, n, endFrom + 1, postEnd + 1);
        f[k++] = fraction(m, t, n, p - 500, p + 501, 2.0, true);
        f[k++] = fraction(m, t, n, p - 1000, p, 0.6, false);
        int peaks = 0;
        for (int i = 1; i < n - 1; i++) {
            if (m[i] > 1.8 && m[i] >= m[i - 1] && m[i] > m[i + 1]) {
                peaks++;
            }
        }
        f[k++] = peaks;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (Math.abs(m[i] - 1) > 0.5) {
                first = Math.min(first, t[i]);
                last = Math.max(last, t[i]);
            }
        }
        f[k++] = first == Long.MAX_VALUE ? 0 : (last - first) / 1000.0;
        double[] bands = bands(m, t, n);
        f[k++] = bands[0];
        f[k++] = bands[1];
        f[k++] = bands[2];
        f[k++] = bands[3];
        // where the peak lies in the burst of activity: falls end in it, many activities centre on it
        f[k++] = first == Long.MAX_VALUE || last == first ? 0.5 : (p - first) / (double) (last - first);
        return f;
    }

    private static double min(double[] v, long[] t, int n, long from, long to, double neutral) {
        double r = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                r = Math.min(r, v[i]);
            }
        }
        return r == Double.POSITIVE_INFINITY ? neutral : r;
    }

    private static double max(double[] v, long[] t, int n, long from, long to, double neutral) {
        double r = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                r = Math.max(r, v[i]);
            }
        }
        return r == Double.NEGATIVE_INFINITY ? neutral : r;
    }

    private static double mean(double[] v, long[] t, int n, long from, long to) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                s += v[i];
                c++;
            }
        }
        return c == 0 ? 1 : s / c;
    }

    private static double std(double[] v, long[] t, int n, long from, long to) {
        double s = 0, q = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                s += v[i];
                q += v[i] * v[i];
                c++;
            }
        }
        if (c < 2) {
            return 0;
        }
        double mu = s / c;
        return Math.sqrt(Math.max(0, q / c - mu * mu));
    }

    private static double meanAbsDev(double[] m, long[] t, int n, long from, long to) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                s += Math.abs(m[i] - 1);
                c++;
            }
        }
        return c == 0 ? 0 : s / c;
    }

    private static double energy(double[] m, long[] t, int n, long from, long to) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                s += (m[i] - 1) * (m[i] - 1);
                c++;
            }
        }
        return c == 0 ? 0 : s / c;
    }

    private static double fraction(double[] m, long[] t, int n, long from, long to, double limit, boolean above) {
        int hit = 0, c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                c++;
                hit += (above ? m[i] >= limit : m[i] <= limit) ? 1 : 0;
            }
        }
        return c == 0 ? 0 : (double) hit / c;
    }

    private static double[] meanVector(double[] x, double[] y, double[] z, long[] t, int n, long from, long to) {
        double sx = 0, sy = 0, sz = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] >= from && t[i] < to) {
                sx += x[i];
                sy += y[i];
                sz += z[i];
                c++;
            }
        }
        return c == 0 ? null : new double[] {sx / c, sy / c, sz / c};
    }

    /** Degrees between two mean vectors; 0 when either is missing or zero. */
    static double angle(double[] a, double[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double na = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        double nb = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        if (na == 0 || nb == 0) {
            return 0;
        }
        double c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (na * nb);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /**
     * log10 of the mean power of the magnitude (mean removed) and the shares of 0.5-3, 3-6 and 6-12 Hz, by a direct
     * DFT at 0.5 Hz steps (windows are a few seconds at tens of Hz, so this costs a few thousand multiplications).
     * The samples are taken as evenly spaced at the window's mean rate.
     */
    private static double[] bands(double[] m, long[] t, int n) {
        double span = t[n - 1] - t[0];
        double hz = span > 0 ? (n - 1) * 1000.0 / span : 32;
        double mu = 0;
        for (int i = 0; i < n; i++) {
            mu += m[i];
        }
        mu /= n;
        double low = 0, mid = 0, high = 0;
        for (double f = 0.5; f <= 12 && f < hz / 2; f += 0.5) {
            double w = 2 * Math.PI * f / hz;
            // the phasor e^{iwk} by rotation instead of cos/sin per sample: the trigonometric calls dominated the
            // cost of a candidate (drift over a few hundred steps is ~1e-13)
            double cw = Math.cos(w), sw = Math.sin(w), c = 1, sn = 0;
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                double v = m[i] - mu;
                re += v * c;
                im += v * sn;
                double nc = c * cw - sn * sw;
                sn = sn * cw + c * sw;
                c = nc;
            }
            double pw = (re * re + im * im) / n;
            if (f < 3) {
                low += pw;
            } else if (f < 6) {
                mid += pw;
            } else {
                high += pw;
            }
        }
        double total = low + mid + high;
        if (total <= 1e-12) {
            return new double[] {-12, 0, 0, 0};
        }
        return new double[] {Math.log10(total), low / total, mid / total, high / total};
    }
}
