package org.eldercare.falldetection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Learned second opinion on a candidate peak: gradient-boosted regression trees over {@link MotionFeatures},
 * summed in log-odds and squashed to a score in 0..1; a candidate with score >= {@link #threshold()} is a fall.
 * Immutable and thread safe: one instance is shared by all detectors (see {@link #fromClasspath(String)}).
 *
 * <p>The JSON file is written by {@code eval.TrainFallModel}; it carries the {@link ModelWindow} the features were
 * computed with, the feature names (checked against {@link MotionFeatures#NAMES} on load, so a model trained on
 * another feature set is refused rather than silently mis-scored), the trees and the operating threshold.
 */
public final class FallModel {
    public static final String FORMAT = "eldercare-fall-model/1";
    public static final String DEFAULT_RESOURCE = "fall-model.json";

    /** One tree as flat arrays; a node with feature -1 is a leaf holding value[node]. */
    public record Tree(int[] feature, double[] split, int[] left, int[] right, double[] value) {
        double eval(double[] f) {
            int node = 0;
            while (feature[node] >= 0) {
                node = f[feature[node]] <= split[node] ? left[node] : right[node];
            }
            return value[node];
        }
    }

    private static final Map<String, FallModel> CACHE = new ConcurrentHashMap<>();

    private final ModelWindow window;
    private final double bias;
    private final List<Tree> trees;
    private final double threshold;
    private final String description;

    public FallModel(ModelWindow window, double bias, List<Tree> trees, double threshold, String description) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within 0..1, was " + threshold);
        }
        int nf = MotionFeatures.count();
        for (Tree t : trees) {
            int nodes = t.feature().length;
            if (nodes == 0 || t.split().length != nodes || t.left().length != nodes || t.right().length != nodes
                    || t.value().length != nodes) {
                throw new IllegalArgumentException("tree arrays must have one entry per node");
            }
            for (int k = 0; k < nodes; k++) {
                int f = t.feature()[k];
                if (f >= nf || f < -1 || (f >= 0 && (t.left()[k] <= k || t.right()[k] <= k
                        || t.left()[k] >= nodes || t.right()[k] >= nodes))) {
                    // children after their parent: evaluation always terminates
                    throw new IllegalArgumentException("malformed tree node " + k);
                }
            }
        }
        this.window = window;
        this.bias = bias;
        this.trees = List.copyOf(trees);
        this.threshold = threshold;
        this.description = description == null ? "" : description;
    }

    public ModelWindow window() {
        return window;
    }

    public double threshold() {
        return threshold;
    }

    public String description() {
        return description;
    }

    public int treeCount() {
        return trees.size();
    }

    /** The same model with another operating threshold. */
    public FallModel withThreshold(double newThreshold) {
        return new FallModel(window, bias, trees, newThreshold, description);
    }

    /** Log-odds of a fall. */
    public double logit(double[] features) {
        if (features.length != MotionFeatures.count()) {
            throw new IllegalArgumentException("expected " + MotionFeatures.count() + " features, got " + features.length);
        }
        double s = bias;
        for (Tree t : trees) {
            s += t.eval(features);
        }
        return s;
    }

    /** Score in 0..1 (a probability on the training data's class balance, not a calibrated fall risk). */
    public double score(double[] features) {
        return 1 / (1 + Math.exp(-logit(features)));
    }

    public boolean isFall(double score) {
        return score >= threshold;
    }

    /** The model file on the classpath, parsed once per JVM and shared. */
    public static FallModel fromClasspath(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            String name = r.startsWith("/") ? r.substring(1) : r;
            try (InputStream in = FallModel.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("fall model resource not found on the classpath: " + r);
                }
                return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @SuppressWarnings("unchecked")
    public static FallModel fromJson(String json) {
        try {
            Map<String, Object> root = (Map<String, Object>) Json.parse(json);
            if (!FORMAT.equals(root.get("format"))) {
                throw new IllegalArgumentException("not a " + FORMAT + " file");
            }
            List<Object> names = (List<Object>) root.get("features");
            if (!MotionFeatures.NAMES.equals(names)) {
                throw new IllegalArgumentException("model features " + names + " differ from this code's " + MotionFeatures.NAMES);
            }
            Map<String, Object> w = (Map<String, Object>) root.get("window");
            ModelWindow window = new ModelWindow(num(w, "triggerDevG"), (long) num(w, "peakSearchMs"),
                    (long) num(w, "preMs"), (long) num(w, "postMs"));
            List<Tree> trees = new ArrayList<>();
            for (Object o : (List<Object>) root.get("trees")) {
                Map<String, Object> t = (Map<String, Object>) o;
                trees.add(new Tree(ints(t.get("f")), doubles(t.get("s")), ints(t.get("l")), ints(t.get("r")),
                        doubles(t.get("v"))));
            }
            Object d = root.get("description");
            return new FallModel(window, num(root, "bias"), trees, num(root, "threshold"), d == null ? "" : d.toString());
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("model JSON has an unexpected shape: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        StringBuilder b = new StringBuilder();
        b.append("{\n\"format\": \"").append(FORMAT).append("\",\n");
        b.append("\"description\": \"").append(description.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n")).append("\",\n");
        b.append(String.format(Locale.ROOT, "\"window\": {\"triggerDevG\": %s, \"peakSearchMs\": %d, \"preMs\": %d, \"postMs\": %d},%n",
                fmt(window.triggerDevG()), window.peakSearchMs(), window.preMs(), window.postMs()));
        b.append("\"features\": [");
        for (int k = 0; k < MotionFeatures.NAMES.size(); k++) {
            b.append(k == 0 ? "" : ", ").append('"').append(MotionFeatures.NAMES.get(k)).append('"');
        }
        b.append("],\n\"threshold\": ").append(fmt(threshold)).append(",\n\"bias\": ").append(fmt(bias)).append(",\n\"trees\": [\n");
        for (int k = 0; k < trees.size(); k++) {
            Tree t = trees.get(k);
            b.append("{\"f\": ").append(list(t.feature())).append(", \"s\": ").append(list(t.split()))
                    .append(", \"l\": ").append(list(t.left())).append(", \"r\": ").append(list(t.right()))
                    .append(", \"v\": ").append(list(t.value())).append(k + 1 < trees.size() ? "},\n" : "}\n");
        }
        return b.append("]\n}\n").toString();
    }

    private static String fmt(double v) {
        return Double.toString(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
    }

    private static String list(int[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < v.length; k++) {
            b.append(k == 0 ? "" : ",").append(v[k]);
        }
        return b.append(']').toString();
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < v.length; k++) {
            b.append(k == 0 ? "" : ",").append(fmt(v[k]));
        }
        return b.append(']').toString();
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("model JSON: " + key + " must be a number");
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object o) {
        List<Object> l = (List<Object>) o;
        int[] r = new int[l.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = (int) (double) (Double) l.get(k);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object o) {
        List<Object> l = (List<Object>) o;
        double[] r = new double[l.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = (Double) l.get(k);
        }
        return r;
    }
}
