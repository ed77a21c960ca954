package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FallModelTest {
    private static double[] withPeak(double peakG) {
        double[] f = new double[MotionFeatures.count()];
        f[MotionFeatures.NAMES.indexOf("peak_g")] = peakG;
        return f;
    }

    @Test
    void treeSendsAValueEqualToTheSplitLeft() {
        FallModel m = TestModels.peakStump(3.0, 0.5);
        assertEquals(-5, m.logit(withPeak(3.0)), 0);
        assertEquals(5, m.logit(withPeak(Math.nextUp(3.0))), 0);
        assertEquals(1 / (1 + Math.exp(-5)), m.score(withPeak(4)), 1e-12);
    }

    @Test
    void thresholdBoundaryIsInclusive() {
        FallModel m = TestModels.peakStump(3.0, 0.5);
        double s = m.score(withPeak(4));
        assertTrue(m.withThreshold(s).isFall(s));
        assertFalse(m.withThreshold(Math.nextUp(s)).isFall(s));
        assertThrows(IllegalArgumentException.class, () -> m.withThreshold(1.01));
    }

    @Test
    void jsonRoundTripKeepsScoresWindowAndThreshold() {
        FallModel m = TestModels.peakStump(3.25, 0.625);
        FallModel back = FallModel.fromJson(m.toJson());
        assertEquals(m.window(), back.window());
        assertEquals(0.625, back.threshold(), 0);
        assertEquals("test stump", back.description());
        for (double g : new double[] {1, 3.25, 3.26, 8}) {
            assertEquals(m.score(withPeak(g)), back.score(withPeak(g)), 0);
        }
    }

    @Test
    void refusesAModelOfAnotherFeatureSetOrShape() {
        String json = TestModels.peakStump(3, 0.5).toJson();
        assertThrows(IllegalArgumentException.class,
                () -> FallModel.fromJson(json.replace("\"peak_g\"", "\"peak_gee\"")), "feature names must match");
        assertThrows(IllegalArgumentException.class,
                () -> FallModel.fromJson(json.replace(FallModel.FORMAT, "other/1")));
        assertThrows(IllegalArgumentException.class, () -> FallModel.fromJson(json.replace("\"threshold\"", "\"thresh\"")));
        assertThrows(IllegalArgumentException.class, () -> FallModel.fromJson("{\"format\": "));
        // a child pointing back to its parent would loop forever
        FallModel.Tree loop = new FallModel.Tree(new int[] {0, -1}, new double[] {1, 0}, new int[] {0, 0},
                new int[] {1, 0}, new double[] {0, 1});
        assertThrows(IllegalArgumentException.class,
                () -> new FallModel(TestModels.WINDOW, 0, List.of(loop), 0.5, ""));
        assertThrows(IllegalArgumentException.class, () -> TestModels.peakStump(3, 0.5).logit(new double[3]));
    }

    @Test
    void shippedModelLoadsOnceFromTheClasspathAndScoresInRange() {
        FallModel m = FallModel.fromClasspath(FallModel.DEFAULT_RESOURCE);
        assertSame(m, FallModel.fromClasspath(FallModel.DEFAULT_RESOURCE), "parsed once, shared by all detectors");
        assertTrue(m.treeCount() > 0);
        assertTrue(m.threshold() > 0 && m.threshold() < 1);
        double s = m.score(withPeak(4));
        assertTrue(s >= 0 && s <= 1);
        assertThrows(IllegalArgumentException.class, () -> FallModel.fromClasspath("no-such-model.json"));
    }
}
