package org.eldercare.gateway.state;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.gateway.device.DeviceService;
import org.eldercare.web.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Device state beyond telemetry (which {@code TelemetryStore} updates in its batches), and its queries. */
@ApplicationScoped
public class DeviceStateStore {

    /** The connectivity change to announce: its event id, and whether that already went out. */
    public record Connectivity(String eventId, boolean published) {
    }

    private static final String COLUMNS = "s.device_id, d.elder_id, s.online, s.last_seen, s.battery, s.worn, s.lat, s.lon,"
            + " s.acc, s.loc_ts, s.firmware, s.status_ts";

    private final Pool pool;

    public DeviceStateStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records online/offline. A change gets a new event id and is marked unpublished until
     * {@link #markConnectivityPublished}; a repeat of the current state (a resend) keeps both, so a
     * resend after a failed publication publishes the same event then.
     */
    public Uni<Connectivity> connectivity(String deviceId, boolean online, String firmware, long ts, long receivedAt) {
        String eventId = deviceId + ":" + (online ? "online-" : "offline-") + receivedAt;
        return pool.preparedQuery("UPDATE device_state SET"
                        + " status_event_id = CASE WHEN online IS DISTINCT FROM $2 THEN $3 ELSE status_event_id END,"
                        + " status_published = CASE WHEN online IS DISTINCT FROM $2 THEN false ELSE status_published END,"
                        + " online = $2, status_ts = $4, last_seen = GREATEST(last_seen, $5), firmware = COALESCE($6, firmware)"
                        + " WHERE device_id = $1 RETURNING status_event_id, status_published")
                .execute(Tuple.tuple(java.util.Arrays.asList(deviceId, online, eventId, odt(ts), odt(receivedAt), firmware)))
                .map(rows -> {
                    for (Row r : rows) {
                        return new Connectivity(r.getString(0), r.getBoolean(1));
                    }
                    return new Connectivity(eventId, true);
                });
    }

    public Uni<Void> markConnectivityPublished(String deviceId, String eventId) {
        return pool.preparedQuery("UPDATE device_state SET status_published = true WHERE device_id = $1 AND status_event_id = $2")
                .execute(Tuple.of(deviceId, eventId)).replaceWithVoid();
    }

    /** A watch event: the device was seen; WORN/REMOVED set the worn flag; a position moves it. */
    public Uni<Void> touch(String deviceId, long receivedAt, Boolean worn, GeoPoint loc, long ts) {
        return pool.preparedQuery("UPDATE device_state SET last_seen = GREATEST(last_seen, $2), worn = COALESCE($3, worn),"
                        + " lat = CASE WHEN $4::float8 IS NOT NULL AND (loc_ts IS NULL OR $7 >= loc_ts) THEN $4 ELSE lat END,"
                        + " lon = CASE WHEN $4::float8 IS NOT NULL AND (loc_ts IS NULL OR $7 >= loc_ts) THEN $5 ELSE lon END,"
                        + " acc = CASE WHEN $4::float8 IS NOT NULL AND (loc_ts IS NULL OR $7 >= loc_ts) THEN $6 ELSE acc END,"
                        + " loc_ts = CASE WHEN $4::float8 IS NOT NULL AND (loc_ts IS NULL OR $7 >= loc_ts) THEN $7 ELSE loc_ts END"
                        + " WHERE device_id = $1")
                .execute(Tuple.tuple(java.util.Arrays.asList(deviceId, odt(receivedAt), worn,
                        loc == null ? null : loc.lat(), loc == null ? null : loc.lon(), loc == null ? null : loc.acc(),
                        odt(ts))))
                .replaceWithVoid();
    }

    public Uni<DeviceState> get(String deviceId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM device_state s JOIN device d ON d.device_id = s.device_id"
                        + " WHERE s.device_id = $1").execute(Tuple.of(deviceId))
                .map(rows -> {
                    for (Row r : rows) {
                        return toState(r);
                    }
                    throw ProblemException.notFound("no device " + deviceId);
                });
    }

    /** The state of each listed watch that has one (a watch never seen on the broker has none), in id order. */
    public Uni<List<DeviceState>> many(List<String> deviceIds) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM device_state s JOIN device d ON d.device_id = s.device_id"
                        + " WHERE s.device_id = ANY($1) ORDER BY s.device_id")
                .execute(Tuple.of(deviceIds.toArray(String[]::new)))
                .map(rows -> {
                    List<DeviceState> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toState(r)));
                    return out;
                });
    }

    public Uni<List<DeviceState>> byElder(String elderId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM device_state s JOIN device d ON d.device_id = s.device_id"
                        + " WHERE d.elder_id = $1 ORDER BY s.device_id").execute(Tuple.of(elderId))
                .map(rows -> {
                    List<DeviceState> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toState(r)));
                    return out;
                });
    }

    private static DeviceState toState(Row r) {
        Double lat = r.getDouble(6);
        GeoPoint loc = lat == null ? null : new GeoPoint(lat, r.getDouble(7), r.getDouble(8));
        return new DeviceState(r.getString(0), r.getString(1), r.getBoolean(2), DeviceService.instant(r, 3),
                r.getInteger(4), r.getBoolean(5), loc, DeviceService.instant(r, 9), r.getString(10),
                DeviceService.instant(r, 11));
    }

    private static OffsetDateTime odt(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC);
    }
}
