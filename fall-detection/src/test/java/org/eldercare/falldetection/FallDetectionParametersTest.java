package org.eldercare.falldetection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FallDetectionParametersTest {

    @Test
    void configurationOverridesDefaultsByComponentName() {
        var p = FallDetectionParameters.fromMap(Map.of("impactThresholdG", "3.1", "stillnessMs", "1000",
                "minSupportingPhases", "2"));
        assertEquals(3.1, p.impactThresholdG());
        assertEquals(1000, p.stillnessMs());
        assertEquals(2, p.minSupportingPhases());
        assertEquals(FallDetectionParameters.defaults().refractoryMs(), p.refractoryMs());
        assertEquals(FallDetectionParameters.defaults(), FallDetectionParameters.fromMap(Map.of()));
    }

    @Test
    void misspeltOrMalformedKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("impactTreshold", "3")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("stillnessMs", "1.5")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("impactThresholdG", "x")));
    }

    @Test
    void inconsistentValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("impactThresholdG", "0")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("orientationChangeDeg", "181")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("minSupportingPhases", "3")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("settleMs", "100")),
                "settle shorter than the peak search");
        assertThrows(IllegalArgumentException.class,
                () -> FallDetectionParameters.fromMap(Map.of("stillnessMs", "3000")), "still period beyond the window");
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("refractoryMs", "-1")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("maxGapMs", "0")));
    }

    @Test
    void historyCoversPostureReferenceFreeFallAndPostImpactWindow() {
        var p = FallDetectionParameters.rulesDefaults();
        assertEquals(p.orientationReferenceMs() + p.freeFallWindowMs() + p.impactPeakSearchMs() + p.postImpactWindowMs(),
                p.historyMs());
        assertTrue(p.historyMs() < 10_000, "bounded: a few seconds per device");
    }

    @Test
    void methodAndModelSettingsAreConfigurable() {
        assertEquals(FallDetectionParameters.Method.MODEL, FallDetectionParameters.defaults().method());
        assertEquals(FallDetectionParameters.Method.RULES, FallDetectionParameters.rulesDefaults().method());
        assertEquals(FallDetectionParameters.defaults(),
                FallDetectionParameters.rulesDefaults().withMethod(FallDetectionParameters.Method.MODEL));
        var p = FallDetectionParameters.fromMap(Map.of("method", " rules ", "modelThreshold", "0.75",
                "modelResource", "other-model.json"));
        assertEquals(FallDetectionParameters.Method.RULES, p.method());
        assertEquals(0.75, p.modelThreshold());
        assertEquals("other-model.json", p.modelResource());
        assertTrue(Double.isNaN(FallDetectionParameters.defaults().modelThreshold()), "the model's own threshold");
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("method", "NEURAL")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("modelThreshold", "1.5")));
        assertThrows(IllegalArgumentException.class, () -> FallDetectionParameters.fromMap(Map.of("modelResource", " ")));
        // the constructor without the model components keeps its old meaning: the rules
        var r = FallDetectionParameters.rulesDefaults();
        assertEquals(r, new FallDetectionParameters(r.impactThresholdG(), r.impactPeakSearchMs(), r.impactActivityWindowMs(),
                r.impactActivityMinG(), r.freeFallWindowMs(), r.freeFallThresholdG(), r.orientationReferenceMs(),
                r.orientationChangeDeg(), r.settleMs(), r.stillnessBlockMs(), r.stillnessMaxStdG(), r.stillnessMs(),
                r.postImpactWindowMs(), r.minSupportingPhases(), r.refractoryMs(), r.maxGapMs()));
    }
}
