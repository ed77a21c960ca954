package org.eldercare.alert.carecircle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.Sql;
import org.eldercare.alert.escalation.EscalationPolicy.VisitorPosition;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.VisitorProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alert service's own copy of who to notify, so that alerts go out while visit-service is down.
 * The database is the truth (shared by replicas, survives restarts); each replica also keeps the
 * circles in memory, because every event needs the elder's thresholds and these must not cost a query.
 */
@ApplicationScoped
public class CareCircleStore {

    private final Pool pool;
    private final ObjectMapper json;
    private final Map<String, CareCircle> cache = new ConcurrentHashMap<>();

    public CareCircleStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Loads every stored circle into memory (at start-up: 100k circles are some tens of MB). */
    public Uni<Integer> warmUp() {
        return pool.query("select body from care_circles").execute().map(rows -> {
            for (Row r : rows) {
                CareCircle c = parse(r.getValue("body").toString());
                if (c != null) {
                    cache.merge(c.elderId(), c, (a, b) -> a.version() >= b.version() ? a : b);
                }
            }
            return rows.size();
        });
    }

    /** The circle in memory, else from the database (another replica may have stored it). */
    public Uni<CareCircle> get(SqlClient c, String elderId) {
        if (elderId == null) {
            return Uni.createFrom().nullItem();
        }
        CareCircle hit = cache.get(elderId);
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return c.preparedQuery("select body from care_circles where elder_id = $1").execute(Tuple.of(elderId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    CareCircle circle = parse(rows.iterator().next().getValue("body").toString());
                    if (circle != null) {
                        cache.merge(elderId, circle, (a, b) -> a.version() >= b.version() ? a : b);
                    }
                    return circle;
                });
    }

    public Optional<CareCircle> cached(String elderId) {
        return Optional.ofNullable(elderId == null ? null : cache.get(elderId));
    }

    /** Stores {@code circle} unless a newer version is held; true when it was newer. */
    public Uni<Boolean> upsert(SqlClient c, CareCircle circle) {
        String body = write(circle);
        return c.preparedQuery("""
                        insert into care_circles (elder_id, version, active, station_id, area_code, body, updated_at)
                        values ($1, $2, $3, $4, $5, $6::text::jsonb, now())
                        on conflict (elder_id) do update set version = excluded.version, active = excluded.active,
                            station_id = excluded.station_id, area_code = excluded.area_code, body = excluded.body,
                            updated_at = now()
                        where care_circles.version < excluded.version
                        """)
                .execute(Tuple.tuple().addString(circle.elderId()).addLong(circle.version()).addBoolean(circle.active())
                        .addString(circle.stationId()).addString(circle.areaCode()).addString(body))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    cache.merge(circle.elderId(), circle, (a, b) -> a.version() >= b.version() ? a : b);
                    List<String> users = circle.family() == null ? List.of() : circle.family().stream()
                            .map(CareCircle.FamilyContact::userId).filter(Objects::nonNull).distinct().toList();
                    return c.preparedQuery("delete from elder_contacts where elder_id = $1").execute(Tuple.of(circle.elderId()))
                            .flatMap(d -> users.isEmpty() ? Uni.createFrom().voidItem()
                                    : c.preparedQuery("insert into elder_contacts (elder_id, user_id) values ($1, $2) on conflict do nothing")
                                    .executeBatch(users.stream().map(u -> Tuple.of(circle.elderId(), u)).toList()).replaceWithVoid())
                            .replaceWith(true);
                });
    }

    /** Another replica stored a newer version: take it into memory too (circles arrive on every replica). */
    public void remember(CareCircle circle) {
        cache.merge(circle.elderId(), circle, (a, b) -> a.version() >= b.version() ? a : b);
    }

    public Uni<Boolean> upsertVisitor(SqlClient c, VisitorProfile v) {
        return c.preparedQuery("""
                        insert into visitor_profiles (visitor_id, version, active, station_id, area_code, body)
                        values ($1, $2, $3, $4, $5, $6::text::jsonb)
                        on conflict (visitor_id) do update set version = excluded.version, active = excluded.active,
                            station_id = excluded.station_id, area_code = excluded.area_code, body = excluded.body
                        where visitor_profiles.version < excluded.version
                        """)
                .execute(Tuple.tuple().addString(v.visitorId()).addLong(v.version()).addBoolean(v.active())
                        .addString(v.stationId()).addString(v.areaCode()).addString(write(v)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> recordPosition(SqlClient c, String visitorId, boolean onDuty, GeoPoint loc, Instant at) {
        return c.preparedQuery("""
                        insert into visitor_positions (visitor_id, on_duty, lat, lon, reported_at) values ($1, $2, $3, $4, $5)
                        on conflict (visitor_id) do update set on_duty = excluded.on_duty,
                            lat = coalesce(excluded.lat, visitor_positions.lat), lon = coalesce(excluded.lon, visitor_positions.lon),
                            reported_at = excluded.reported_at
                        where visitor_positions.reported_at <= excluded.reported_at
                        """)
                .execute(Tuple.tuple().addString(visitorId).addBoolean(onDuty)
                        .addValue(loc == null ? null : loc.lat()).addValue(loc == null ? null : loc.lon())
                        .addOffsetDateTime(Sql.ts(at)))
                .replaceWithVoid();
    }

    /**
     * On-duty visitors with a position, who are active (or not known as inactive) in visit-service.
     * The bounding box keeps it to an index-friendly neighbourhood; the policy picks the nearest.
     */
    public Uni<List<VisitorPosition>> onDutyNear(SqlClient c, GeoPoint where, double radiusMeters, Instant now) {
        double dLat = radiusMeters / 111_000.0;
        double dLon = radiusMeters / (111_000.0 * Math.max(0.1, Math.cos(Math.toRadians(where.lat()))));
        return c.preparedQuery("""
                        select p.visitor_id, p.lat, p.lon, p.on_duty, p.reported_at from visitor_positions p
                        left join visitor_profiles v on v.visitor_id = p.visitor_id
                        where p.on_duty and p.lat between $1 and $2 and p.lon between $3 and $4
                          and coalesce(v.active, true)
                        """)
                .execute(Tuple.of(where.lat() - dLat, where.lat() + dLat, where.lon() - dLon, where.lon() + dLon))
                .map(rows -> {
                    List<VisitorPosition> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new VisitorPosition(r.getString("visitor_id"), new GeoPoint(r.getDouble("lat"), r.getDouble("lon"), null),
                                r.getBoolean("on_duty"), now.toEpochMilli() - Sql.instant(r, "reported_at").toEpochMilli()));
                    }
                    return out;
                });
    }

    public CareCircle parse(String body) {
        try {
            return json.readValue(body, CareCircle.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
