package org.eldercare.falldetection.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.eldercare.falldetection.CandidateEvaluation;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.FallDetector;
import org.eldercare.falldetection.FallModel;
import org.eldercare.falldetection.ModelWindow;

/**
 * Trains the {@link FallModel} and measures it honestly with subject-wise cross-validation.
 *
 * <ol>
 *   <li>Every trial is replayed through the streaming {@link FallDetector} in MODEL mode (same replayer, same
 *       windows, same candidate logic as in service), with a model that never fires, collecting the features of
 *       every candidate it would score. A trial is alerted by a model exactly when one of its candidates scores at
 *       or above the threshold, so trial-level figures computed from these candidates are what the streaming
 *       detector reports (verified by {@code EvaluateTrials --param method=MODEL}).</li>
 *   <li>Labels: every candidate of a daily-activity trial is a negative. In a fall trial the fall candidate is not
 *       marked, so the one with the largest acceleration change is taken as the positive, then (one round of
 *       multiple-instance refinement) the one the first model scores highest; its other candidates are left out.</li>
 *   <li>Subjects (wearer group + id) are dealt to {@code --folds} folds, each group round-robin by id. For each
 *       outer fold the model is trained on the other folds; its operating threshold is chosen on those training
 *       subjects only, from out-of-fold scores of an inner cross-validation (in-sample scores of boosted trees are
 *       too optimistic): the lowest threshold that alerts at most {@code --target-adl} of the training folds'
 *       {@code --target-group} daily-activity trials. The held-out fold is scored once.</li>
 *   <li>The shipped model is trained on all subjects, its threshold chosen the same way by cross-validation over
 *       all subjects, and written to {@code --out}.</li>
 * </ol>
 *
 * <pre>
 * TrainFallModel --dir DIR --unit ms2 [--out fall-detection/src/main/resources/fall-model.json] [--folds 5]
 *                [--target-adl 0.02] [--target-group old] [--trigger-g 0.5] [--peak-search-ms 500]
 *                [--pre-ms 2000] [--post-ms 500] [--rounds 150] [--depth 3] [--learning-rate 0.1]
 *                (+ the trial options of EvaluateTrials)
 * </pre>
 */
public final class TrainFallModel {
    private TrainFallModel() {
    }

    /** Candidates of one trial, in stream order. */
    record TrialCandidates(Trial trial, String subjectKey, List<double[]> features, List<Double> peakDev) {
    }

    public static void main(String[] args) throws IOException {
        Options o = new Options(args, List.of());
        EvaluateTrials.Setup s = EvaluateTrials.Setup.from(o);
        ModelWindow window = new ModelWindow(Double.parseDouble(o.get("--trigger-g", "0.5")),
                Long.parseLong(o.get("--peak-search-ms", "500")), Long.parseLong(o.get("--pre-ms", "2000")),
                Long.parseLong(o.get("--post-ms", "500")));
        int folds = Integer.parseInt(o.get("--folds", "5"));
        if (folds < 3) {
            // the threshold of each outer fold comes from an inner cross-validation over the remaining folds
            throw new IllegalArgumentException("--folds must be at least 3");
        }
        double target = Double.parseDouble(o.get("--target-adl", "0.02"));
        String targetGroup = o.get("--target-group", "old");
        GradientBoosting.Settings d = GradientBoosting.Settings.defaults();
        GradientBoosting.Settings settings = new GradientBoosting.Settings(
                Integer.parseInt(o.get("--rounds", String.valueOf(d.rounds()))),
                Integer.parseInt(o.get("--depth", String.valueOf(d.depth()))),
                Double.parseDouble(o.get("--learning-rate", String.valueOf(d.learningRate()))),
                d.lambda(), d.minChildWeight(), d.rowSubsample(), d.bins(), d.seed());
        String out = o.get("--out", null);

        long t0 = System.nanoTime();
        List<TrialCandidates> all = extract(s.trials().trials(), s.replayer(), s.parameters(), window);
        int cands = all.stream().mapToInt(c -> c.features().size()).sum();
        System.out.printf(Locale.ROOT, "trials: %d (skipped %d), candidates: %d, window %s, extraction %.1f s%n",
                all.size(), s.trials().skipped().size(), cands, window, (System.nanoTime() - t0) / 1e9);
        long noCandidate = all.stream().filter(c -> c.trial().fall() && c.features().isEmpty()).count();
        System.out.println("fall trials without any decided candidate (no change >= trigger, or the recording ends "
                + "within postMs of it): " + noCandidate);

        Map<String, Integer> foldOf = assignFolds(all, folds);
        Tally pooled = new Tally();
        System.out.println();
        System.out.println("subject-wise cross-validation (" + folds + " folds; threshold chosen on the training folds only)");
        System.out.println("fold  threshold  young falls         young ADL           old ADL");
        for (int k = 0; k < folds; k++) {
            int fold = k;
            List<TrialCandidates> train = all.stream().filter(c -> foldOf.get(c.subjectKey()) != fold).toList();
            List<TrialCandidates> test = all.stream().filter(c -> foldOf.get(c.subjectKey()) == fold).toList();
            double threshold = chooseThreshold(train, foldOf, fold, settings, target, targetGroup);
            Trained m = train(train, settings);
            Tally t = new Tally();
            for (TrialCandidates c : test) {
                t.add(c.trial(), maxScore(m, c) >= threshold);
            }
            pooled.merge(t);
            System.out.printf(Locale.ROOT, "%4d  %9.3f  %s%n", k, threshold, t.line());
        }
        System.out.printf(Locale.ROOT, "pooled            %s%n", pooled.line());
        System.out.println();
        System.out.println("pooled per group and activity (held-out): alerted / trials");
        for (var e : pooled.byActivity.entrySet()) {
            System.out.printf(Locale.ROOT, "  %s: %d/%d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }

        if (out != null) {
            double threshold = chooseThreshold(all, foldOf, -1, settings, target, targetGroup);
            Trained m = train(all, settings);
            String description = String.format(Locale.ROOT,
                    "gradient-boosted trees (%d rounds, depth %d, learning rate %s) trained by TrainFallModel on %d trials"
                            + " (%d candidates); threshold %.4f = at most %.1f %% of the %s group's daily-activity trials"
                            + " in %d-fold subject-wise cross-validation", settings.rounds(), settings.depth(),
                    settings.learningRate(), all.size(), cands, threshold, target * 100, targetGroup, folds);
            FallModel model = new FallModel(window, m.fit().bias(), m.fit().trees(), threshold, description);
            Files.writeString(Path.of(out), model.toJson(), StandardCharsets.UTF_8);
            Tally in = new Tally();
            for (TrialCandidates c : all) {
                in.add(c.trial(), maxScore(m, c) >= threshold);
            }
            System.out.println();
            System.out.println("written " + out + " (threshold " + String.format(Locale.ROOT, "%.4f", threshold)
                    + "); in-sample, NOT a measure of quality: " + in.line());
        }
    }

    static List<TrialCandidates> extract(List<Trial> trials, TrialReplayer replayer, FallDetectionParameters base,
                                         ModelWindow window) {
        // a model that scores every candidate 0.5 against a threshold of 1: never fires, so no refractory period
        // hides later candidates, and the listener sees each candidate's features
        FallModel silent = new FallModel(window, 0, List.of(), 1.0, "feature extraction");
        FallDetectionParameters p = base.withMethod(FallDetectionParameters.Method.MODEL);
        List<TrialCandidates> out = new ArrayList<>();
        for (Trial t : trials) {
            List<double[]> features = new ArrayList<>();
            List<Double> dev = new ArrayList<>();
            FallDetector detector = new FallDetector(p, (CandidateEvaluation c) -> {
                if (c.features().length > 0) {
                    features.add(c.features());
                    dev.add(Math.abs(c.peakG() - 1));
                }
            }, silent);
            replayer.replay(t.timesMs(), t.samplesG(), detector);
            out.add(new TrialCandidates(t, t.group() + ":" + t.subject(), features, dev));
        }
        return out;
    }

    static Map<String, Integer> assignFolds(List<TrialCandidates> all, int folds) {
        Map<String, TreeSet<Integer>> subjectsByGroup = new LinkedHashMap<>();
        for (TrialCandidates c : all) {
            subjectsByGroup.computeIfAbsent(c.trial().group(), g -> new TreeSet<>()).add(c.trial().subject());
        }
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        int offset = 0;
        for (var e : subjectsByGroup.entrySet()) {
            int i = offset;
            for (int subject : e.getValue()) {
                foldOf.put(e.getKey() + ":" + subject, i++ % folds);
            }
            offset = i; // continue the deal where the previous group stopped, so fold sizes stay even
        }
        return foldOf;
    }

    record Trained(GradientBoosting.Fit fit) {
        double score(double[] f) {
            double m = fit.bias();
            for (var t : fit.trees()) {
                m += GradientBoosting.evalTree(t, f);
            }
            return 1 / (1 + Math.exp(-m));
        }
    }

    static double maxScore(Trained m, TrialCandidates c) {
        double best = 0;
        for (double[] f : c.features()) {
            best = Math.max(best, m.score(f));
        }
        return best;
    }

    /** Two rounds: positives = largest change per fall trial, then the first model's best-scored candidate. */
    static Trained train(List<TrialCandidates> train, GradientBoosting.Settings settings) {
        Trained first = fitWith(train, settings, null);
        return fitWith(train, settings, first);
    }

    private static Trained fitWith(List<TrialCandidates> train, GradientBoosting.Settings settings, Trained chooser) {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (TrialCandidates c : train) {
            if (c.features().isEmpty()) {
                continue;
            }
            if (c.trial().fall()) {
                int best = 0;
                for (int i = 1; i < c.features().size(); i++) {
                    boolean better = chooser == null ? c.peakDev().get(i) > c.peakDev().get(best)
                            : chooser.score(c.features().get(i)) > chooser.score(c.features().get(best));
                    if (better) {
                        best = i;
                    }
                }
                x.add(c.features().get(best));
                y.add(1);
            } else {
                for (double[] f : c.features()) {
                    x.add(f);
                    y.add(0);
                }
            }
        }
        int n = x.size();
        if (n == 0) {
            throw new IllegalArgumentException("no candidates to train on (too few subjects for the folds?)");
        }
        long positives = y.stream().filter(v -> v == 1).count();
        // balance the classes: each side carries half the total weight
        double wp = n / (2.0 * Math.max(1, positives)), wn = n / (2.0 * Math.max(1, n - positives));
        double[] w = new double[n];
        int[] ya = new int[n];
        for (int i = 0; i < n; i++) {
            ya[i] = y.get(i);
            w[i] = ya[i] == 1 ? wp : wn;
        }
        return new Trained(new GradientBoosting(settings).fit(x.toArray(new double[0][]), ya, w));
    }

    /**
     * Out-of-fold trial scores over the training folds (all folds except {@code heldOut}), then the lowest
     * threshold alerting at most {@code target} of the target group's daily-activity trials among them.
     */
    static double chooseThreshold(List<TrialCandidates> train, Map<String, Integer> foldOf, int heldOut,
                                  GradientBoosting.Settings settings, double target, String targetGroup) {
        List<Double> adl = new ArrayList<>();
        TreeSet<Integer> folds = new TreeSet<>();
        for (TrialCandidates c : train) {
            folds.add(foldOf.get(c.subjectKey()));
        }
        for (int inner : folds) {
            if (inner == heldOut) {
                continue;
            }
            List<TrialCandidates> fit = train.stream().filter(c -> foldOf.get(c.subjectKey()) != inner).toList();
            Trained m = train(fit, settings);
            for (TrialCandidates c : train) {
                if (foldOf.get(c.subjectKey()) == inner && !c.trial().fall() && c.trial().group().equals(targetGroup)) {
                    adl.add(maxScore(m, c));
                }
            }
        }
        if (adl.isEmpty()) {
            throw new IllegalArgumentException("no daily-activity trials of group " + targetGroup + " to set the threshold on");
        }
        return thresholdFor(adl.stream().mapToDouble(Double::doubleValue).toArray(), target);
    }

    /**
     * The lowest threshold at which at most {@code target} of these daily-activity trial scores reach it (a trial
     * whose score equals the threshold is alerted).
     */
    static double thresholdFor(double[] adlScores, double target) {
        double[] s = adlScores.clone();
        java.util.Arrays.sort(s);
        int allowed = (int) Math.floor(target * s.length + 1e-9);
        if (allowed >= s.length) {
            return 0;
        }
        double kth = s[s.length - 1 - allowed]; // the (allowed+1)-th highest must stay below the threshold
        return Math.min(1.0, Math.nextUp(kth));
    }

    /** Held-out counts per group (falls, ADL) and per group:activity. */
    static final class Tally {
        final Map<String, int[]> byGroup = new java.util.TreeMap<>();
        final Map<String, int[]> byActivity = new java.util.TreeMap<>();

        void add(Trial t, boolean alerted) {
            int[] g = byGroup.computeIfAbsent(t.group() + (t.fall() ? ":fall" : ":adl"), k -> new int[2]);
            g[0] += alerted ? 1 : 0;
            g[1]++;
            int[] a = byActivity.computeIfAbsent(String.format(Locale.ROOT, "%s %2d", t.group(), t.activity()), k -> new int[2]);
            a[0] += alerted ? 1 : 0;
            a[1]++;
        }

        void merge(Tally o) {
            o.byGroup.forEach((k, v) -> {
                int[] m = byGroup.computeIfAbsent(k, x -> new int[2]);
                m[0] += v[0];
                m[1] += v[1];
            });
            o.byActivity.forEach((k, v) -> {
                int[] m = byActivity.computeIfAbsent(k, x -> new int[2]);
                m[0] += v[0];
                m[1] += v[1];
            });
        }

        String cell(String key) {
            int[] v = byGroup.getOrDefault(key, new int[2]);
            return String.format(Locale.ROOT, "%-19s", Evaluation.pct(v[0], v[1]));
        }

        String line() {
            return cell("young:fall") + " " + cell("young:adl") + " " + cell("old:adl");
        }
    }
}
