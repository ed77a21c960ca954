package org.eldercare.alert.alert;

import io.vertx.mutiny.sqlclient.Row;
import org.eldercare.alert.Sql;

import java.time.Instant;
import java.util.UUID;

/** An alert as stored. */
public record Alert(UUID id, String elderId, AlertKind kind, Severity severity, AlertState state, String stationId,
                    String areaCode, String deviceId, String sourceEventId, Instant occurredAt, Instant openedAt,
                    Instant lastSeenAt, int repeatCount, Double lat, Double lon, String detail, int tier,
                    boolean pendingCancel, String acceptedBy, Instant acceptedAt, Instant arrivedAt,
                    Instant resolvedAt, String resolutionNote, Instant verifiedAt, Instant closedAt,
                    Instant cancelledAt, String cancelReason) {

    public static Alert from(Row r) {
        return new Alert(r.getUUID("id"), r.getString("elder_id"), AlertKind.valueOf(r.getString("kind")),
                Severity.valueOf(r.getString("severity")), AlertState.valueOf(r.getString("state")),
                r.getString("station_id"), r.getString("area_code"), r.getString("device_id"),
                r.getString("source_event_id"), Sql.instant(r, "occurred_at"), Sql.instant(r, "opened_at"),
                Sql.instant(r, "last_seen_at"), r.getInteger("repeat_count"), r.getDouble("lat"), r.getDouble("lon"),
                r.getString("detail"), r.getInteger("tier"), r.getBoolean("pending_cancel"), r.getString("accepted_by"),
                Sql.instant(r, "accepted_at"), Sql.instant(r, "arrived_at"), Sql.instant(r, "resolved_at"),
                r.getString("resolution_note"), Sql.instant(r, "verified_at"), Sql.instant(r, "closed_at"),
                Sql.instant(r, "cancelled_at"), r.getString("cancel_reason"));
    }
}
