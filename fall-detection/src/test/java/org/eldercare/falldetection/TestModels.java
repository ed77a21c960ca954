package org.eldercare.falldetection;

import java.util.List;

/** Hand-built models for the tests, independent of the trained model file. */
final class TestModels {
    static final ModelWindow WINDOW = new ModelWindow(0.5, 500, 2000, 500);

    private TestModels() {
    }

    /** One split: peak magnitude above {@code splitG} gives log-odds +5 (score 0.9933), otherwise -5. */
    static FallModel peakStump(double splitG, double threshold) {
        int f = MotionFeatures.NAMES.indexOf("peak_g");
        FallModel.Tree t = new FallModel.Tree(new int[] {f, -1, -1}, new double[] {splitG, 0, 0}, new int[] {1, 0, 0},
                new int[] {2, 0, 0}, new double[] {0, -5, 5});
        return new FallModel(WINDOW, 0, List.of(t), threshold, "test stump");
    }

    static FallDetectionParameters modelParameters() {
        return FallDetectionParameters.rulesDefaults().withMethod(FallDetectionParameters.Method.MODEL);
    }
}
