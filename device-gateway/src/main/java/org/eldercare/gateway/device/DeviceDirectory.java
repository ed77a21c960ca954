package org.eldercare.gateway.device;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.gateway.GatewayConfig;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ingest needs to know about a sender, on every message: whether the device exists, is retired,
 * and which elder it is bound to; whether an app user has credentials. Cached for a few seconds, so
 * the hot path costs no query; this replica's own changes invalidate at once, another replica's are
 * seen after the time-to-live. When an entry is missing or expired, the messages of that sender that
 * arrive meanwhile share one lookup: under load hundreds of a watch's messages are in hand when its
 * entry expires, and each querying on its own had queued tens of thousands of identical queries.
 */
@ApplicationScoped
public class DeviceDirectory {

    /** A device as ingest sees it; {@code exists=false} for an unknown id. */
    public record DeviceEntry(boolean exists, boolean retired, String elderId) {
        static final DeviceEntry UNKNOWN = new DeviceEntry(false, false, null);
    }

    private record Cached<V>(V value, long expiresAt) {
    }

    private final Pool pool;
    private final long ttlMs;
    private final ConcurrentHashMap<String, Cached<DeviceEntry>> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Cached<Boolean>> appUsers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Uni<DeviceEntry>> deviceLookups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Uni<Boolean>> appUserLookups = new ConcurrentHashMap<>();

    public DeviceDirectory(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.ttlMs = config.directoryTtlMs();
    }

    public Uni<DeviceEntry> device(String deviceId) {
        Cached<DeviceEntry> c = devices.get(deviceId);
        long now = System.currentTimeMillis();
        if (c != null && c.expiresAt() > now) {
            return Uni.createFrom().item(c.value());
        }
        return deviceLookups.computeIfAbsent(deviceId, id -> shared(deviceLookups, id,
                pool.preparedQuery("SELECT status, elder_id FROM device WHERE device_id = $1").execute(Tuple.of(id))
                        .map(rows -> {
                            DeviceEntry e = DeviceEntry.UNKNOWN;
                            for (Row r : rows) {
                                e = new DeviceEntry(true, DeviceStatus.RETIRED.name().equals(r.getString(0)), r.getString(1));
                            }
                            devices.put(id, new Cached<>(e, System.currentTimeMillis() + ttlMs));
                            return e;
                        })));
    }

    /** Whether {@code userId} holds app credentials that were not revoked. */
    public Uni<Boolean> appUser(String userId) {
        Cached<Boolean> c = appUsers.get(userId);
        if (c != null && c.expiresAt() > System.currentTimeMillis()) {
            return Uni.createFrom().item(c.value());
        }
        return appUserLookups.computeIfAbsent(userId, id -> shared(appUserLookups, id,
                pool.preparedQuery("SELECT 1 FROM app_credential WHERE user_id = $1 AND revoked_at IS NULL")
                        .execute(Tuple.of(id))
                        .map(rows -> {
                            boolean known = rows.size() > 0;
                            appUsers.put(id, new Cached<>(known, System.currentTimeMillis() + ttlMs));
                            return known;
                        })));
    }

    /** One query for every caller until it answers; the next miss after that queries again. */
    private static <V> Uni<V> shared(ConcurrentHashMap<String, Uni<V>> lookups, String id, Uni<V> query) {
        return query.onTermination().invoke(() -> lookups.remove(id)).memoize().indefinitely();
    }

    public void forgetDevice(String deviceId) {
        devices.remove(deviceId);
    }

    public void forgetAppUser(String userId) {
        appUsers.remove(userId);
    }

    public Optional<DeviceEntry> cached(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(Cached::value);
    }
}
