package org.eldercare.gateway.device;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.gateway.broker.BrokerAccessPolicy;
import org.eldercare.gateway.broker.DynamicSecurity;
import org.eldercare.gateway.credentials.Secrets;
import org.eldercare.web.ProblemException;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Provisioning, binding, secret rotation and retirement. Every change to a device's broker account
 * happens inside the database transaction that records it: if the broker refuses or is away, the
 * transaction rolls back and the caller gets a 503, so registry and broker never disagree for long.
 */
@ApplicationScoped
public class DeviceService {

    /** Devices per dynamic-security message in a bulk import. */
    private static final int BROKER_CHUNK = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String COLUMNS = "device_id, model, firmware, serial, imei, status, elder_id, created_at, secret_issued_at, retired_at";

    public record Provisioned(Device device, String secret) {
    }

    public record Binding(String elderId, Instant boundAt, Instant unboundAt) {
    }

    private final Pool pool;
    private final DynamicSecurity broker;
    private final DeviceDirectory directory;

    public DeviceService(Pool pool, DynamicSecurity broker, DeviceDirectory directory) {
        this.pool = pool;
        this.broker = broker;
        this.directory = directory;
    }

    public Uni<Provisioned> provision(NewDevice req) {
        return provisionAll(List.of(req)).map(list -> list.get(0));
    }

    /** Provisions all or none (a bulk import is one transaction). */
    public Uni<List<Provisioned>> provisionAll(List<NewDevice> requests) {
        Instant now = Instant.now();
        List<Provisioned> done = new ArrayList<>();
        List<Map<String, Object>> commands = new ArrayList<>();
        List<Tuple> deviceRows = new ArrayList<>();
        for (NewDevice r : requests) {
            String id = r.deviceId() != null ? r.deviceId() : newDeviceId();
            String secret = Secrets.generate();
            deviceRows.add(Tuple.tuple(List.of(id, r.model(), r.firmware(), r.serial(), r.imei() == null ? "" : r.imei(),
                    Secrets.hash(secret), at(now))));
            done.add(new Provisioned(new Device(id, r.model(), r.firmware(), r.serial(), r.imei(), DeviceStatus.ACTIVE,
                    null, now, now, null), secret));
            commands.addAll(BrokerAccessPolicy.upsertDevice(id, secret));
        }
        List<String> ids = done.stream().map(p -> p.device().deviceId()).toList();
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "SELECT user_id FROM app_credential WHERE user_id = ANY($1)")
                        .execute(Tuple.of(ids.toArray(String[]::new)))
                        .invoke(rows -> {
                            if (rows.size() > 0) {
                                throw ProblemException.conflict("deviceId " + rows.iterator().next().getString(0)
                                        + " is taken by an app user: broker user names are shared");
                            }
                        })
                        .chain(() -> conn.preparedQuery("INSERT INTO device (device_id, model, firmware, serial, imei, status,"
                                        + " secret_hash, secret_issued_at, created_at) VALUES ($1, $2, $3, $4, NULLIF($5, ''),"
                                        + " 'ACTIVE', $6, $7, $7)")
                                .executeBatch(deviceRows))
                        .chain(() -> conn.preparedQuery("INSERT INTO device_state (device_id) SELECT unnest($1::text[])")
                                .execute(Tuple.of(ids.toArray(String[]::new))))
                        .chain(() -> sendInChunks(commands, 4 * BROKER_CHUNK)))
                .onFailure(DeviceService::uniqueViolation).transform(e -> ProblemException.conflict(
                        "a device with this deviceId or serial exists: " + ((PgException) e).getDetail()))
                .invoke(() -> ids.forEach(directory::forgetDevice))
                .replaceWith(done);
    }

    private Uni<Void> sendInChunks(List<Map<String, Object>> commands, int chunk) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < commands.size(); i += chunk) {
            List<Map<String, Object>> part = commands.subList(i, Math.min(commands.size(), i + chunk));
            chain = chain.chain(() -> broker.execute(part));
        }
        return chain;
    }

    public Uni<Device> get(String deviceId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM device WHERE device_id = $1").execute(Tuple.of(deviceId))
                .map(rows -> {
                    for (Row r : rows) {
                        return toDevice(r);
                    }
                    throw ProblemException.notFound("no device " + deviceId);
                });
    }

    public Uni<List<Device>> list(String elderId, DeviceStatus status, int page, int size) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM device WHERE ($1::text IS NULL OR elder_id = $1)"
                        + " AND ($2::text IS NULL OR status = $2) ORDER BY device_id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(elderId, status == null ? null : status.name(), size, page * size))
                .map(rows -> {
                    List<Device> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toDevice(r)));
                    return out;
                });
    }

    public Uni<Device> bind(String deviceId, String elderId) {
        Instant now = Instant.now();
        return pool.withTransaction(conn -> lockActive(conn, deviceId).chain(d -> {
                    if (elderId.equals(d.elderId())) {
                        return Uni.createFrom().item(d);
                    }
                    return closeBinding(conn, deviceId, now)
                            .chain(() -> conn.preparedQuery("INSERT INTO device_binding (device_id, elder_id, bound_at) VALUES ($1, $2, $3)")
                                    .execute(Tuple.of(deviceId, elderId, at(now))))
                            .chain(() -> conn.preparedQuery("UPDATE device SET elder_id = $2 WHERE device_id = $1")
                                    .execute(Tuple.of(deviceId, elderId)))
                            .replaceWith(() -> new Device(d.deviceId(), d.model(), d.firmware(), d.serial(), d.imei(),
                                    d.status(), elderId, d.createdAt(), d.secretIssuedAt(), d.retiredAt()));
                }))
                .invoke(() -> directory.forgetDevice(deviceId));
    }

    public Uni<Void> unbind(String deviceId) {
        Instant now = Instant.now();
        return pool.withTransaction(conn -> lock(conn, deviceId)
                        .chain(d -> closeBinding(conn, deviceId, now))
                        .chain(() -> conn.preparedQuery("UPDATE device SET elder_id = NULL WHERE device_id = $1")
                                .execute(Tuple.of(deviceId))))
                .invoke(() -> directory.forgetDevice(deviceId))
                .replaceWithVoid();
    }

    public Uni<List<Binding>> bindings(String deviceId) {
        return get(deviceId).chain(d -> pool.preparedQuery(
                        "SELECT elder_id, bound_at, unbound_at FROM device_binding WHERE device_id = $1 ORDER BY bound_at DESC, id DESC")
                .execute(Tuple.of(deviceId))
                .map(rows -> {
                    List<Binding> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Binding(r.getString(0), instant(r, 1), instant(r, 2))));
                    return out;
                }));
    }

    /** A new secret; the old one stops working at once (the broker also drops a connection using it). */
    public Uni<Provisioned> rotateSecret(String deviceId) {
        Instant now = Instant.now();
        String secret = Secrets.generate();
        return pool.withTransaction(conn -> lockActive(conn, deviceId)
                .call(d -> conn.preparedQuery("UPDATE device SET secret_hash = $2, secret_issued_at = $3 WHERE device_id = $1")
                        .execute(Tuple.of(deviceId, Secrets.hash(secret), at(now))))
                .call(d -> broker.execute(BrokerAccessPolicy.upsertDevice(deviceId, secret)))
                .map(d -> new Provisioned(new Device(d.deviceId(), d.model(), d.firmware(), d.serial(), d.imei(), d.status(),
                        d.elderId(), d.createdAt(), now, d.retiredAt()), secret)));
    }

    public Uni<Device> retire(String deviceId) {
        Instant now = Instant.now();
        return pool.withTransaction(conn -> lock(conn, deviceId).chain(d -> {
                    if (d.status() == DeviceStatus.RETIRED) {
                        return Uni.createFrom().item(d);
                    }
                    return closeBinding(conn, deviceId, now)
                            .chain(() -> conn.preparedQuery("UPDATE device SET status = 'RETIRED', retired_at = $2, elder_id = NULL"
                                    + " WHERE device_id = $1").execute(Tuple.of(deviceId, at(now))))
                            .chain(() -> broker.execute(BrokerAccessPolicy.deleteDevice(deviceId)))
                            .replaceWith(() -> new Device(d.deviceId(), d.model(), d.firmware(), d.serial(), d.imei(),
                                    DeviceStatus.RETIRED, null, d.createdAt(), d.secretIssuedAt(), now));
                }))
                .invoke(() -> directory.forgetDevice(deviceId));
    }

    private Uni<Device> lock(SqlConnection conn, String deviceId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM device WHERE device_id = $1 FOR UPDATE")
                .execute(Tuple.of(deviceId))
                .map(rows -> {
                    for (Row r : rows) {
                        return toDevice(r);
                    }
                    throw ProblemException.notFound("no device " + deviceId);
                });
    }

    private Uni<Device> lockActive(SqlConnection conn, String deviceId) {
        return lock(conn, deviceId).invoke(d -> {
            if (d.status() == DeviceStatus.RETIRED) {
                throw ProblemException.conflict("device " + deviceId + " is retired");
            }
        });
    }

    private static Uni<Void> closeBinding(SqlConnection conn, String deviceId, Instant now) {
        return conn.preparedQuery("UPDATE device_binding SET unbound_at = $2 WHERE device_id = $1 AND unbound_at IS NULL")
                .execute(Tuple.of(deviceId, at(now))).replaceWithVoid();
    }

    private static boolean uniqueViolation(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static String newDeviceId() {
        return "w-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    static Device toDevice(Row r) {
        return new Device(r.getString("device_id"), r.getString("model"), r.getString("firmware"), r.getString("serial"),
                r.getString("imei"), DeviceStatus.valueOf(r.getString("status")), r.getString("elder_id"),
                instant(r, "created_at"), instant(r, "secret_issued_at"), instant(r, "retired_at"));
    }

    public static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(Row r, int column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
