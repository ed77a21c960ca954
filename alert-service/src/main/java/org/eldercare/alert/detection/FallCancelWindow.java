package org.eldercare.alert.detection;

import java.time.Duration;
import java.time.Instant;

/**
 * When a fall reported by the watch becomes an alert: once the wearer's cancel window has passed
 * without a FALL_CANCELLED. The window runs from the fall by the watch's clock, but measured on the
 * platform's clock (watch clocks drift): the time the event took to reach us, by the watch's clock,
 * is taken off the window. A buffered fall flushed late opens at once; a watch clock running ahead
 * never lengthens the window.
 */
public final class FallCancelWindow {

    private FallCancelWindow() {
    }

    public static Instant confirmAt(long fallTs, long receivedTs, Duration window) {
        long alreadyElapsed = Math.max(0, receivedTs - fallTs);
        long remaining = Math.max(0, window.toMillis() - alreadyElapsed);
        return Instant.ofEpochMilli(receivedTs + remaining);
    }
}
