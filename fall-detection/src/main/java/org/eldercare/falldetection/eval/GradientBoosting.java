package org.eldercare.falldetection.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eldercare.falldetection.FallModel;

/**
 * Gradient-boosted regression trees for a binary label with the logistic loss (Newton steps, L2 on the leaves),
 * written out here so the module keeps no dependencies. Features are cut into at most {@code bins} quantile bins
 * once; splits are chosen between bins. Deterministic for a given seed.
 */
public final class GradientBoosting {
    public record Settings(int rounds, int depth, double learningRate, double lambda, double minChildWeight,
                           double rowSubsample, int bins, long seed) {
        public static Settings defaults() {
            return new Settings(150, 3, 0.1, 1.0, 2.0, 0.8, 32, 7);
        }
    }

    private final Settings s;

    public GradientBoosting(Settings settings) {
        this.s = settings;
    }

    /** The bias and trees; x[i] are feature rows, y[i] 0/1 labels, w[i] sample weights. */
    public record Fit(double bias, List<FallModel.Tree> trees) {
    }

    public Fit fit(double[][] x, int[] y, double[] w) {
        int n = x.length;
        int nf = x[0].length;
        // quantile cut points per feature; bin b holds values <= cuts[b] (last bin: everything above)
        double[][] cuts = new double[nf][];
        byte[][] bin = new byte[nf][n];
        for (int f = 0; f < nf; f++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = x[i][f];
            }
            Arrays.sort(v);
            List<Double> c = new ArrayList<>();
            for (int b = 1; b < s.bins(); b++) {
                int lo = (int) ((long) b * (n - 1) / s.bins());
                double a = v[lo], bb = v[Math.min(n - 1, lo + 1)];
                double cut = (a + bb) / 2;
                if (a < bb && (c.isEmpty() || cut > c.get(c.size() - 1))) {
                    c.add(cut);
                }
            }
            cuts[f] = c.stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = 0; i < n; i++) {
                int b = Arrays.binarySearch(cuts[f], x[i][f]);
                bin[f][i] = (byte) (b >= 0 ? b : -b - 1);
            }
        }
        double pos = 0, tot = 0;
        for (int i = 0; i < n; i++) {
            pos += w[i] * y[i];
            tot += w[i];
        }
        double prior = Math.min(0.999, Math.max(0.001, pos / tot));
        double bias = Math.log(prior / (1 - prior));
        double[] margin = new double[n];
        Arrays.fill(margin, bias);
        double[] g = new double[n], h = new double[n];
        Random random = new Random(s.seed());
        List<FallModel.Tree> trees = new ArrayList<>();
        for (int r = 0; r < s.rounds(); r++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-margin[i]));
                boolean use = random.nextDouble() < s.rowSubsample();
                g[i] = use ? w[i] * (p - y[i]) : 0;
                h[i] = use ? w[i] * Math.max(1e-6, p * (1 - p)) : 0;
            }
            TreeBuilder tb = new TreeBuilder(bin, cuts, g, h, nf);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            tb.build(rows, 0);
            FallModel.Tree tree = tb.toTree();
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                margin[i] += evalTree(tree, x[i]);
            }
        }
        return new Fit(bias, trees);
    }

    static double evalTree(FallModel.Tree t, double[] f) {
        int node = 0;
        while (t.feature()[node] >= 0) {
            node = f[t.feature()[node]] <= t.split()[node] ? t.left()[node] : t.right()[node];
        }
        return t.value()[node];
    }

    private final class TreeBuilder {
        final byte[][] bin;
        final double[][] cuts;
        final double[] g, h;
        final int nf;
        final List<Integer> feature = new ArrayList<>();
        final List<Double> split = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();

        TreeBuilder(byte[][] bin, double[][] cuts, double[] g, double[] h, int nf) {
            this.bin = bin;
            this.cuts = cuts;
            this.g = g;
            this.h = h;
            this.nf = nf;
        }

        /** Adds the node for these rows (and its subtree) and returns its index. */
        int build(int[] rows, int level) {
            int node = feature.size();
            feature.add(-1);
            split.add(0.0);
            left.add(0);
            right.add(0);
            double gs = 0, hs = 0;
            for (int i : rows) {
                gs += g[i];
                hs += h[i];
            }
            value.add(-gs / (hs + s.lambda()) * s.learningRate());
            if (level >= s.depth() || hs < 2 * s.minChildWeight()) {
                return node;
            }
            double parent = gs * gs / (hs + s.lambda());
            double bestGain = 1e-9;
            int bestF = -1, bestB = -1;
            for (int f = 0; f < nf; f++) {
                int nb = cuts[f].length + 1;
                if (nb < 2) {
                    continue;
                }
                double[] gb = new double[nb], hb = new double[nb];
                for (int i : rows) {
                    gb[bin[f][i]] += g[i];
                    hb[bin[f][i]] += h[i];
                }
                double gl = 0, hl = 0;
                for (int b = 0; b < nb - 1; b++) {
                    gl += gb[b];
                    hl += hb[b];
                    double hr = hs - hl;
                    if (hl < s.minChildWeight() || hr < s.minChildWeight()) {
                        continue;
                    }
                    double gr = gs - gl;
                    double gain = gl * gl / (hl + s.lambda()) + gr * gr / (hr + s.lambda()) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestF = f;
                        bestB = b;
                    }
                }
            }
            if (bestF < 0) {
                return node;
            }
            int nl = 0;
            for (int i : rows) {
                nl += bin[bestF][i] <= bestB ? 1 : 0;
            }
            int[] lr = new int[nl], rr = new int[rows.length - nl];
            int a = 0, b = 0;
            for (int i : rows) {
                if (bin[bestF][i] <= bestB) {
                    lr[a++] = i;
                } else {
                    rr[b++] = i;
                }
            }
            feature.set(node, bestF);
            split.set(node, cuts[bestF][bestB]);
            int l = build(lr, level + 1);
            int r = build(rr, level + 1);
            left.set(node, l);
            right.set(node, r);
            return node;
        }

        FallModel.Tree toTree() {
            int m = feature.size();
            int[] f = new int[m], l = new int[m], r = new int[m];
            double[] sp = new double[m], v = new double[m];
            for (int k = 0; k < m; k++) {
                f[k] = feature.get(k);
                l[k] = left.get(k);
                r[k] = right.get(k);
                sp[k] = split.get(k);
                v[k] = f[k] >= 0 ? 0 : value.get(k);
            }
            return new FallModel.Tree(f, sp, l, r, v);
        }
    }
}
