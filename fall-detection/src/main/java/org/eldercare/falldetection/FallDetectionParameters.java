package org.eldercare.falldetection;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Tuning of {@link FallDetector}. All durations are milliseconds of sensor time, accelerations are in g
 * (1 g = 9.80665 m/s^2). The alert service maps its configuration onto this record with
 * {@link #fromMap(Map)}; property names are the record component names.
 *
 * @param impactThresholdG       magnitude a sample must reach to open an impact candidate
 * @param impactPeakSearchMs     after the first crossing, the highest sample within this time is the impact
 * @param impactActivityWindowMs window centred on the impact over which the impact activity is averaged
 * @param impactActivityMinG     minimum mean |magnitude - 1 g| in that window: a body hitting the floor shakes the
 *                               wrist for a while, a clap or a knock is a single sharp spike
 * @param freeFallWindowMs       window before the impact searched for the free-fall (low magnitude) phase
 * @param freeFallThresholdG     free fall is seen when the magnitude drops to or below this within that window
 * @param orientationReferenceMs length of the "before" posture window, which ends where the free-fall window starts
 * @param orientationChangeDeg   change of the gravity direction (before vs. during stillness) that counts as a posture change
 * @param settleMs               time after the impact during which movement (bounce, arm flailing) is ignored
 * @param stillnessBlockMs       stillness is judged in blocks of this length
 * @param stillnessMaxStdG       a block is still when the standard deviation of every axis is at most this
 * @param stillnessMs            length of the uninterrupted still period required after the impact
 * @param postImpactWindowMs     the still period must lie entirely within this time after the impact
 * @param minSupportingPhases    how many of {free fall, orientation change} must be seen besides impact and stillness (0-2)
 * @param refractoryMs           after a detection, impacts within this time of the detected impact are ignored
 * @param maxGapMs               a jump of more than this between consecutive windows resets the detector
 * @param method                 {@code RULES}: the phase rules above decide; {@code MODEL}: candidates are the
 *                               largest acceleration changes and the learned {@link FallModel} decides (the rule
 *                               thresholds above are then unused, except refractoryMs, maxGapMs and, for the
 *                               explanation only, freeFallThresholdG and orientationChangeDeg)
 * @param modelResource          classpath resource of the model ({@code method = MODEL})
 * @param modelThreshold         operating threshold of the model score in 0..1; NaN = the one stored in the model
 *                               (chosen at training time)
 */
public record FallDetectionParameters(
        double impactThresholdG,
        long impactPeakSearchMs,
        long impactActivityWindowMs,
        double impactActivityMinG,
        long freeFallWindowMs,
        double freeFallThresholdG,
        long orientationReferenceMs,
        double orientationChangeDeg,
        long settleMs,
        long stillnessBlockMs,
        double stillnessMaxStdG,
        long stillnessMs,
        long postImpactWindowMs,
        int minSupportingPhases,
        long refractoryMs,
        long maxGapMs,
        Method method,
        String modelResource,
        double modelThreshold) {

    /** Which stage decides; see docs/fall-detection.md for the figures of each. */
    public enum Method {
        RULES, MODEL
    }

    /** The rule-based detector with these thresholds (the signature before the model existed). */
    public FallDetectionParameters(double impactThresholdG, long impactPeakSearchMs, long impactActivityWindowMs,
                                   double impactActivityMinG, long freeFallWindowMs, double freeFallThresholdG,
                                   long orientationReferenceMs, double orientationChangeDeg, long settleMs,
                                   long stillnessBlockMs, double stillnessMaxStdG, long stillnessMs,
                                   long postImpactWindowMs, int minSupportingPhases, long refractoryMs, long maxGapMs) {
        this(impactThresholdG, impactPeakSearchMs, impactActivityWindowMs, impactActivityMinG, freeFallWindowMs,
                freeFallThresholdG, orientationReferenceMs, orientationChangeDeg, settleMs, stillnessBlockMs,
                stillnessMaxStdG, stillnessMs, postImpactWindowMs, minSupportingPhases, refractoryMs, maxGapMs,
                Method.RULES, FallModel.DEFAULT_RESOURCE, Double.NaN);
    }

    public FallDetectionParameters {
        requirePositive("impactThresholdG", impactThresholdG);
        requireNonNegative("impactPeakSearchMs", impactPeakSearchMs);
        requirePositive("impactActivityWindowMs", impactActivityWindowMs);
        if (!(impactActivityMinG >= 0) || Double.isInfinite(impactActivityMinG)) {
            throw new IllegalArgumentException("impactActivityMinG must not be negative, was " + impactActivityMinG);
        }
        requirePositive("freeFallWindowMs", freeFallWindowMs);
        requirePositive("freeFallThresholdG", freeFallThresholdG);
        requirePositive("orientationReferenceMs", orientationReferenceMs);
        if (!(orientationChangeDeg >= 0 && orientationChangeDeg <= 180)) {
            throw new IllegalArgumentException("orientationChangeDeg must be within 0..180, was " + orientationChangeDeg);
        }
        requireNonNegative("settleMs", settleMs);
        requirePositive("stillnessBlockMs", stillnessBlockMs);
        requirePositive("stillnessMaxStdG", stillnessMaxStdG);
        requirePositive("stillnessMs", stillnessMs);
        if (settleMs < impactPeakSearchMs) {
            // the still period is measured from the final impact time, which is only known after the peak search
            throw new IllegalArgumentException("settleMs must be >= impactPeakSearchMs");
        }
        if (postImpactWindowMs < settleMs + stillnessMs || postImpactWindowMs < impactActivityWindowMs / 2) {
            throw new IllegalArgumentException("postImpactWindowMs must be >= settleMs + stillnessMs and >= impactActivityWindowMs / 2");
        }
        if (minSupportingPhases < 0 || minSupportingPhases > 2) {
            throw new IllegalArgumentException("minSupportingPhases must be 0, 1 or 2, was " + minSupportingPhases);
        }
        requireNonNegative("refractoryMs", refractoryMs);
        requirePositive("maxGapMs", maxGapMs);
        Objects.requireNonNull(method, "method");
        if (modelResource == null || modelResource.isBlank()) {
            throw new IllegalArgumentException("modelResource must not be blank");
        }
        if (!Double.isNaN(modelThreshold) && !(modelThreshold >= 0 && modelThreshold <= 1)) {
            throw new IllegalArgumentException("modelThreshold must be within 0..1 (or NaN for the model's own), was " + modelThreshold);
        }
    }

    /** Defaults chosen on the SmartFallMM watch trials; see docs/fall-detection.md for the figures. */
    public static FallDetectionParameters defaults() {
        return rulesDefaults().withMethod(DEFAULT_METHOD);
    }

    /** The method {@link #defaults()} uses: the better one on held-out subjects (docs/fall-detection.md). */
    public static final Method DEFAULT_METHOD = Method.MODEL;

    /** The rule-based detector with its tuned thresholds. */
    public static FallDetectionParameters rulesDefaults() {
        return new FallDetectionParameters(
                2.8,   // impactThresholdG
                200,   // impactPeakSearchMs
                1000,  // impactActivityWindowMs
                0.3,   // impactActivityMinG
                1000,  // freeFallWindowMs
                0.8,   // freeFallThresholdG
                1000,  // orientationReferenceMs
                30,    // orientationChangeDeg
                300,   // settleMs
                250,   // stillnessBlockMs
                0.15,  // stillnessMaxStdG
                500,   // stillnessMs
                2500,  // postImpactWindowMs
                1,     // minSupportingPhases
                30000, // refractoryMs
                1000); // maxGapMs
    }

    /** This record with another method. */
    public FallDetectionParameters withMethod(Method newMethod) {
        return new FallDetectionParameters(impactThresholdG, impactPeakSearchMs, impactActivityWindowMs,
                impactActivityMinG, freeFallWindowMs, freeFallThresholdG, orientationReferenceMs, orientationChangeDeg,
                settleMs, stillnessBlockMs, stillnessMaxStdG, stillnessMs, postImpactWindowMs, minSupportingPhases,
                refractoryMs, maxGapMs, newMethod, modelResource, modelThreshold);
    }

    /**
     * Sensor history the rule-based detector must keep: the posture reference and free-fall windows before an impact,
     * the peak search and the post-impact window after it.
     */
    public long historyMs() {
        return Math.max(orientationReferenceMs + freeFallWindowMs, impactActivityWindowMs / 2)
                + impactPeakSearchMs + postImpactWindowMs;
    }

    /**
     * Overrides the defaults with the entries of {@code values} whose keys are component names; unknown keys
     * are rejected so that a misspelt configuration key does not silently keep a default.
     */
    public static FallDetectionParameters fromMap(Map<String, String> values) {
        return defaults().with(values);
    }

    /** This record with the given components replaced (keys are component names, values decimal numbers). */
    public FallDetectionParameters with(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        for (String key : values.keySet()) {
            if (!KNOWN.containsKey(key)) {
                throw new IllegalArgumentException("unknown fall detection parameter: " + key);
            }
        }
        Function<String, String> v = values::get;
        return new FallDetectionParameters(
                d(v, "impactThresholdG", impactThresholdG),
                l(v, "impactPeakSearchMs", impactPeakSearchMs),
                l(v, "impactActivityWindowMs", impactActivityWindowMs),
                d(v, "impactActivityMinG", impactActivityMinG),
                l(v, "freeFallWindowMs", freeFallWindowMs),
                d(v, "freeFallThresholdG", freeFallThresholdG),
                l(v, "orientationReferenceMs", orientationReferenceMs),
                d(v, "orientationChangeDeg", orientationChangeDeg),
                l(v, "settleMs", settleMs),
                l(v, "stillnessBlockMs", stillnessBlockMs),
                d(v, "stillnessMaxStdG", stillnessMaxStdG),
                l(v, "stillnessMs", stillnessMs),
                l(v, "postImpactWindowMs", postImpactWindowMs),
                (int) l(v, "minSupportingPhases", minSupportingPhases),
                l(v, "refractoryMs", refractoryMs),
                l(v, "maxGapMs", maxGapMs),
                method(v.apply("method"), method),
                v.apply("modelResource") == null ? modelResource : v.apply("modelResource").strip(),
                d(v, "modelThreshold", modelThreshold));
    }

    private static final Map<String, Boolean> KNOWN = Map.ofEntries(
            Map.entry("impactThresholdG", true), Map.entry("impactPeakSearchMs", true),
            Map.entry("impactActivityWindowMs", true), Map.entry("impactActivityMinG", true),
            Map.entry("freeFallWindowMs", true), Map.entry("freeFallThresholdG", true),
            Map.entry("orientationReferenceMs", true), Map.entry("orientationChangeDeg", true),
            Map.entry("settleMs", true), Map.entry("stillnessBlockMs", true),
            Map.entry("stillnessMaxStdG", true), Map.entry("stillnessMs", true),
            Map.entry("postImpactWindowMs", true), Map.entry("minSupportingPhases", true),
            Map.entry("refractoryMs", true), Map.entry("maxGapMs", true), Map.entry("method", true),
            Map.entry("modelResource", true), Map.entry("modelThreshold", true));

    private static Method method(String s, Method current) {
        if (s == null) {
            return current;
        }
        try {
            return Method.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method must be RULES or MODEL, was " + s, e);
        }
    }

    private static double d(Function<String, String> v, String key, double current) {
        String s = v.apply(key);
        if (s == null) {
            return current;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + s, e);
        }
    }

    private static long l(Function<String, String> v, String key, long current) {
        String s = v.apply(key);
        if (s == null) {
            return current;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + s, e);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
