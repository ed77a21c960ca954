package org.eldercare.gateway.ingest;

/**
 * What the validator accepts.
 *
 * @param maxPayloadBytes largest telemetry, event, status, location or ack payload
 * @param maxMotionBytes  largest motion window payload
 * @param futureSkewMs    how far ahead of the platform's clock a watch's {@code ts} may be
 * @param maxAgeMs        how old a {@code ts} may be (buffered data); older is outside retention
 */
public record IngestLimits(int maxPayloadBytes, int maxMotionBytes, long futureSkewMs, long maxAgeMs) {
}
