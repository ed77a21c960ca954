package org.eldercare.alert.alert;

import org.eldercare.contracts.GeoPoint;

import java.time.Instant;

/** What a detector found: becomes a new alert, or a repeat of the open one of the same kind. */
public record NewAlert(String elderId, AlertKind kind, String deviceId, String sourceEventId, Instant occurredAt,
                       GeoPoint loc, String detail, boolean pendingCancel) {
}
