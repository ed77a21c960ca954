package org.eldercare.contracts;

/**
 * A window of wrist accelerometer samples from a watch, as the gateway forwards it on
 * {@code Topics.motion(deviceId)} for server-side fall detection.
 *
 * @param eventId  {@code <deviceId>:<original id>}, stable across resends
 * @param deviceId the watch
 * @param elderId  the elder the watch was bound to when the window arrived (null if unbound)
 * @param ts       time of the first sample by the watch's clock, epoch ms UTC
 * @param hz       sampling rate
 * @param acc      samples {@code [x, y, z]} in g
 */
public record MotionWindow(String eventId, String deviceId, String elderId, long ts, double hz, double[][] acc) {
}
