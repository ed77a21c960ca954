package org.eldercare.falldetection;

/**
 * What became of one impact candidate; reported to a {@link CandidateListener} for tuning and diagnostics.
 *
 * @param impactEpochMs        time of the impact peak
 * @param peakG                impact peak magnitude
 * @param outcome              decision
 * @param impactActivityG      mean |magnitude - 1 g| around the impact (NaN unless a still period was found)
 * @param freeFallMinG         lowest magnitude before the impact (NaN without history)
 * @param longestStillMs       longest still run found after the settle time
 * @param orientationChangeDeg posture change (NaN unless a still period was found and history preceded the impact)
 * @param modelScore           the model's score of the candidate ({@code method = MODEL}); NaN for the rules
 * @param features             the {@link MotionFeatures} the model scored (a copy; empty for the rules): what the
 *                             training command learns from
 */
public record CandidateEvaluation(
        long impactEpochMs,
        double peakG,
        Outcome outcome,
        double impactActivityG,
        double freeFallMinG,
        long longestStillMs,
        double orientationChangeDeg,
        double modelScore,
        double[] features) {

    /** A candidate judged by the rules (no model score, no features). */
    public CandidateEvaluation(long impactEpochMs, double peakG, Outcome outcome, double impactActivityG,
                               double freeFallMinG, long longestStillMs, double orientationChangeDeg) {
        this(impactEpochMs, peakG, outcome, impactActivityG, freeFallMinG, longestStillMs, orientationChangeDeg,
                Double.NaN, new double[0]);
    }

    public enum Outcome {
        /** impact, stillness and enough supporting phases: a fall was reported */
        DETECTED,
        /** no still period of the required length followed the impact in time */
        NO_STILLNESS,
        /** the impact was a lone spike: too little activity around it (clap, knock) */
        SPIKE_ONLY,
        /** stillness followed, but neither free fall nor posture change (as many as required) preceded it */
        TOO_FEW_PHASES,
        /** the model scored the candidate below its threshold ({@code method = MODEL}) */
        BELOW_MODEL_THRESHOLD,
        /** the stream was interrupted (gap, clock jump, explicit reset) before a decision */
        RESET
    }
}
