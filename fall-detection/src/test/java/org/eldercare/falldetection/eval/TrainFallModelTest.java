package org.eldercare.falldetection.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eldercare.falldetection.FallModel;
import org.eldercare.falldetection.SyntheticTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainFallModelTest {
    private static final double HZ = 32;

    @TempDir
    Path dir;

    @Test
    void boostedTreesLearnAnInteractionDeterministically() {
        Random r = new Random(1);
        int n = 2000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            y[i] = (x[i][0] > 0.5) != (x[i][1] > 0.5) ? 1 : 0; // XOR: needs depth 2, invisible to one stump
            w[i] = 1;
        }
        var settings = new GradientBoosting.Settings(60, 2, 0.3, 1, 1, 0.8, 32, 7);
        var fit = new GradientBoosting(settings).fit(x, y, w);
        var again = new GradientBoosting(settings).fit(x, y, w);
        TrainFallModel.Trained m = new TrainFallModel.Trained(fit);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += (m.score(x[i]) >= 0.5) == (y[i] == 1) ? 1 : 0;
            assertEquals(m.score(x[i]), new TrainFallModel.Trained(again).score(x[i]), 0, "same seed, same model");
        }
        assertTrue(correct > 0.95 * n, "accuracy " + correct);
    }

    @Test
    void thresholdAlertsAtMostTheTargetShareOfActivities() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = (i + 1) / 100.0; // 0.01 .. 1.00
        }
        double t = TrainFallModel.thresholdFor(scores, 0.02);
        assertEquals(Math.nextUp(0.98), t, 0);
        long alerted = java.util.Arrays.stream(scores).filter(s -> s >= t).count();
        assertEquals(2, alerted);
        assertEquals(Math.nextUp(1.0) > 1 ? 1.0 : Math.nextUp(1.0), TrainFallModel.thresholdFor(scores, 0.0), 0,
                "0 % allowed: above the highest score (capped at 1)");
        assertEquals(0, TrainFallModel.thresholdFor(new double[] {0.3}, 1.0), 0);
    }

    @Test
    void foldsNeverSplitASubjectAndSpreadBothGroups() {
        List<TrainFallModel.TrialCandidates> all = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            for (String g : List.of("young", "old")) {
                for (int k = 0; k < 3; k++) {
                    Trial t = new Trial(g + s + k, g, s, 1, false, new double[0], new double[0][]);
                    all.add(new TrainFallModel.TrialCandidates(t, g + ":" + s, List.of(), List.of()));
                }
            }
        }
        Map<String, Integer> folds = TrainFallModel.assignFolds(all, 5);
        assertEquals(20, folds.size(), "one fold per subject (group + id: the same id in two groups is two people)");
        for (int f = 0; f < 5; f++) {
            int fold = f;
            Set<String> groups = new HashSet<>();
            folds.forEach((k, v) -> {
                if (v == fold) {
                    groups.add(k.split(":")[0]);
                }
            });
            assertEquals(Set.of("young", "old"), groups, "fold " + f);
        }
    }

    @Test
    void trainsCrossValidatesAndWritesALoadableModelFromGeneratedTrials() throws Exception {
        Path young = dir.resolve("young/accelerometer/watch");
        Path old = dir.resolve("old/accelerometer/watch");
        for (int s = 1; s <= 4; s++) {
            TrialFiles.writeMs2(young.resolve("S0" + s + "A11T01.csv"), SyntheticTraces.forwardFall(HZ, 3), HZ);
            TrialFiles.writeMs2(young.resolve("S0" + s + "A08T01.csv"), SyntheticTraces.walking(HZ, 8), HZ);
            TrialFiles.writeMs2(young.resolve("S0" + s + "A07T01.csv"), SyntheticTraces.clapping(HZ), HZ);
            TrialFiles.writeMs2(old.resolve("S1" + s + "A06T01.csv"), SyntheticTraces.knockOnTable(HZ), HZ);
            TrialFiles.writeMs2(old.resolve("S1" + s + "A09T01.csv"), SyntheticTraces.sittingDownHard(HZ), HZ);
        }
        Path model = dir.resolve("model.json");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            TrainFallModel.main(new String[] {"--dir", dir.toString(), "--unit", "ms2", "--folds", "3",
                "--rounds", "20", "--target-adl", "0", "--out", model.toString()});
        } finally {
            System.setOut(saved);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("trials: 20"), out);
        assertTrue(out.contains("pooled            4/4 = 100.0%"), "the generated falls are all alike: " + out);
        FallModel m = FallModel.fromJson(Files.readString(model));
        assertEquals(20, m.treeCount());
        assertTrue(m.description().contains("3-fold subject-wise"), m.description());
    }
}
