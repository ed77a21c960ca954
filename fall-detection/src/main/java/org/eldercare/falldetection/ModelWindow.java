package org.eldercare.falldetection;

/**
 * How the model's candidates are found and which samples its features see; part of the trained model (features
 * computed with other settings would not match the weights).
 *
 * @param triggerDevG  a sample whose magnitude differs from 1 g by at least this opens a candidate
 * @param peakSearchMs after that sample, the sample with the largest |magnitude - 1 g| within this time is the peak
 * @param preMs        history before the peak the features look at
 * @param postMs       time after the peak the features look at; the decision is made once this much has arrived
 */
public record ModelWindow(double triggerDevG, long peakSearchMs, long preMs, long postMs) {
    public ModelWindow {
        if (!(triggerDevG > 0) || peakSearchMs < 0 || preMs < 1000 || postMs < 500) {
            throw new IllegalArgumentException("invalid model window: trigger > 0 g, peak search >= 0, pre >= 1000 ms, post >= 500 ms");
        }
    }

    /** Sensor history a detector must hold for this window. */
    public long historyMs() {
        return preMs + peakSearchMs + postMs;
    }
}
