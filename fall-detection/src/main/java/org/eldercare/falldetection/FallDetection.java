package org.eldercare.falldetection;

import java.util.Locale;

/**
 * A detected fall with the evidence of each phase, so that an alert can explain itself.
 *
 * @param impactEpochMs        time of the impact peak (epoch ms, sensor clock)
 * @param detectedEpochMs      sensor time at which the decision was made (end of the still period)
 * @param peakG                magnitude of the impact peak, g (the watch saturates around 8 g per axis)
 * @param impactActivityG      mean |magnitude - 1 g| in the window centred on the impact
 * @param freeFallMinG         lowest magnitude in the window before the impact, g; NaN when no data preceded it
 * @param freeFallSeen         whether that minimum is at or below the free-fall threshold
 * @param stillnessMs          length of the still period found after the impact
 * @param orientationChangeDeg angle between the gravity direction before the fall and during the stillness;
 *                             NaN when no posture reference preceded the impact
 * @param orientationChanged   whether that angle reaches the orientation threshold
 * @param modelScore           score of the learned model ({@code method = MODEL}: stillnessMs is then 0 and the
 *                             free-fall/orientation fields are the model's features, for the explanation); NaN for
 *                             the rules
 */
public record FallDetection(
        long impactEpochMs,
        long detectedEpochMs,
        double peakG,
        double impactActivityG,
        double freeFallMinG,
        boolean freeFallSeen,
        long stillnessMs,
        double orientationChangeDeg,
        boolean orientationChanged,
        double modelScore) {

    /** A fall decided by the rules. */
    public FallDetection(long impactEpochMs, long detectedEpochMs, double peakG, double impactActivityG,
                         double freeFallMinG, boolean freeFallSeen, long stillnessMs, double orientationChangeDeg,
                         boolean orientationChanged) {
        this(impactEpochMs, detectedEpochMs, peakG, impactActivityG, freeFallMinG, freeFallSeen, stillnessMs,
                orientationChangeDeg, orientationChanged, Double.NaN);
    }

    /** One line a caregiver-facing alert or an operator log can show. */
    public String explanation() {
        if (!Double.isNaN(modelScore)) {
            return String.format(Locale.ROOT,
                    "model score %.2f; largest acceleration change %.1f g (activity around it %.2f g); lowest before it %.2f g; wrist orientation changed %s (%.0f deg)",
                    modelScore, peakG, impactActivityG, freeFallMinG, orientationChanged ? "yes" : "no", orientationChangeDeg);
        }
        return String.format(Locale.ROOT,
                "impact %.1f g (activity around it %.2f g); free fall %s (min %.2f g); still for %.1f s after it; wrist orientation changed %s (%.0f deg)",
                peakG, impactActivityG, freeFallSeen ? "seen" : "not seen", freeFallMinG, stillnessMs / 1000.0,
                orientationChanged ? "yes" : "no", orientationChangeDeg);
    }
}
