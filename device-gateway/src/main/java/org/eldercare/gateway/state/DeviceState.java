package org.eldercare.gateway.state;

import org.eldercare.contracts.GeoPoint;

import java.time.Instant;

/** What the platform last knew of a watch. Nulls mean "not reported yet". */
public record DeviceState(String deviceId, String elderId, Boolean online, Instant lastSeen, Integer battery,
                          Boolean worn, GeoPoint loc, Instant locTs, String firmware, Instant statusTs) {
}
