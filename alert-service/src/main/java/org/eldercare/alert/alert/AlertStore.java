package org.eldercare.alert.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.Sql;
import org.eldercare.contracts.CareCircle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Alerts and their timeline in SQL; every method runs on the caller's connection (its transaction). */
@ApplicationScoped
public class AlertStore {

    /** The result of opening: a new alert, or the open one of the same elder and kind, updated. */
    public record Opened(Alert alert, boolean created) {
    }

    public Uni<Opened> open(SqlClient c, NewAlert a, CareCircle circle, Instant now) {
        String sql = """
                insert into alerts (id, elder_id, kind, severity, state, station_id, area_code, device_id, source_event_id,
                                    occurred_at, opened_at, last_seen_at, lat, lon, detail, pending_cancel)
                values ($1, $2, $3, $4, 'REPORTED', $5, $6, $7, $8, $9, $10, $9, $11, $12, $13, $14)
                on conflict (elder_id, kind) where state in ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'ARRIVED')
                do update set repeat_count = alerts.repeat_count + 1,
                              last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at),
                              lat = coalesce(excluded.lat, alerts.lat), lon = coalesce(excluded.lon, alerts.lon),
                              updated_at = now()
                returning *, (xmax = 0) as created
                """;
        Tuple t = Tuple.tuple()
                .addUUID(UUID.randomUUID()).addString(a.elderId()).addString(a.kind().name())
                .addString(a.kind().severity().name())
                .addString(circle == null ? null : circle.stationId())
                .addString(circle == null ? null : circle.areaCode())
                .addString(a.deviceId()).addString(a.sourceEventId())
                .addOffsetDateTime(Sql.ts(a.occurredAt())).addOffsetDateTime(Sql.ts(now))
                .addValue(a.loc() == null ? null : a.loc().lat()).addValue(a.loc() == null ? null : a.loc().lon())
                .addString(a.detail()).addBoolean(a.pendingCancel());
        return c.preparedQuery(sql).execute(t).flatMap(rows -> {
            Row r = rows.iterator().next();
            Alert alert = Alert.from(r);
            boolean created = r.getBoolean("created");
            return timeline(c, alert.id(), created ? "OPENED" : "REPEAT", null, created ? AlertState.REPORTED : null,
                    "system", created ? a.detail() : "repeat #" + alert.repeatCount() + " from " + a.sourceEventId())
                    .replaceWith(new Opened(alert, created));
        });
    }

    public Uni<Alert> find(SqlClient c, UUID id) {
        return c.preparedQuery("select * from alerts where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : Alert.from(rows.iterator().next()));
    }

    public Uni<Alert> lock(SqlClient c, UUID id) {
        return c.preparedQuery("select * from alerts where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : Alert.from(rows.iterator().next()));
    }

    public Uni<Alert> findOpenBySource(SqlClient c, String sourceEventId) {
        return c.preparedQuery("select * from alerts where source_event_id = $1 order by opened_at desc limit 1")
                .execute(Tuple.of(sourceEventId))
                .map(rows -> rows.size() == 0 ? null : Alert.from(rows.iterator().next()));
    }

    public Uni<Alert> findOpen(SqlClient c, String elderId, AlertKind kind) {
        return c.preparedQuery("select * from alerts where elder_id = $1 and kind = $2 and state in ('REPORTED','DISPATCHED','ACCEPTED','ARRIVED')")
                .execute(Tuple.of(elderId, kind.name()))
                .map(rows -> rows.size() == 0 ? null : Alert.from(rows.iterator().next()));
    }

    /**
     * Applies {@code action} to the (locked) alert, stamping who and when, or fails with
     * {@link IllegalTransitionException}.
     */
    public Uni<Alert> transition(SqlClient c, Alert current, AlertAction action, String actor, String note, Instant now) {
        AlertState to = AlertLifecycle.next(current.state(), action).orElseThrow(() -> new IllegalTransitionException(
                "cannot " + action.name().toLowerCase() + " an alert that is " + current.state()
                        + " (allowed from " + AlertLifecycle.allowedFrom(action) + ")"));
        // $1 id, $2 now, $3 new state, then $4 actor or note where the action stores one.
        Tuple t = Tuple.tuple().addUUID(current.id()).addOffsetDateTime(Sql.ts(now)).addString(to.name());
        String set = switch (action) {
            case DISPATCH -> "";
            case ACCEPT -> {
                t.addString(actor);
                yield ", accepted_by = $4, accepted_at = $2";
            }
            case ARRIVE -> {
                t.addString(actor);
                yield ", accepted_by = coalesce(accepted_by, $4), accepted_at = coalesce(accepted_at, $2), arrived_at = $2";
            }
            case RESOLVE -> {
                t.addString(note);
                yield ", resolved_at = $2, resolution_note = $4";
            }
            case VERIFY -> ", verified_at = $2";
            case CLOSE -> ", closed_at = $2";
            case CANCEL -> {
                t.addString(note);
                yield ", cancelled_at = $2, cancel_reason = $4, pending_cancel = false";
            }
            case REDISPATCH -> ", accepted_by = null, accepted_at = null";
        };
        return c.preparedQuery("update alerts set state = $3, updated_at = $2" + set + " where id = $1 returning *")
                .execute(t)
                .map(rows -> Alert.from(rows.iterator().next()))
                .call(a -> timeline(c, a.id(), "TRANSITION", current.state(), to, actor, note));
    }

    public Uni<Void> setTier(SqlClient c, UUID id, int tier) {
        return c.preparedQuery("update alerts set tier = greatest(tier, $2), updated_at = now() where id = $1")
                .execute(Tuple.of(id, tier)).replaceWithVoid();
    }

    public Uni<Void> clearPendingCancel(SqlClient c, UUID id) {
        return c.preparedQuery("update alerts set pending_cancel = false where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Timeline note of an alert whose condition cleared by itself while someone had it in hand. */
    public static final String CLEARED_NOTE = "condition cleared: ";

    /**
     * Whether the alert's condition was already noted as cleared, and has not come back (a repeat)
     * since: a second clearing event then adds nothing.
     */
    public Uni<Boolean> clearedNoted(SqlClient c, UUID alertId) {
        return c.preparedQuery("""
                        select entry from alert_timeline
                        where alert_id = $1 and (entry = 'REPEAT' or (entry = 'NOTE' and starts_with(note, $2)))
                        order by id desc limit 1
                        """)
                .execute(Tuple.of(alertId, CLEARED_NOTE))
                .map(rows -> rows.size() > 0 && "NOTE".equals(rows.iterator().next().getString("entry")));
    }

    /**
     * The elders with an open alert of one of {@code kinds} whose clearing would still do something:
     * all but those already noted as cleared (in someone's hands) and not come back since.
     */
    public Uni<Map<AlertKind, Set<String>>> awaitingClearing(SqlClient c, Set<AlertKind> kinds) {
        return c.preparedQuery("""
                        select a.elder_id, a.kind from alerts a
                        where a.kind = any($1) and a.state in ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'ARRIVED')
                          and not exists (select 1 from alert_timeline n
                                          where n.alert_id = a.id and n.entry = 'NOTE' and starts_with(n.note, $2)
                                            and not exists (select 1 from alert_timeline r
                                                            where r.alert_id = a.id and r.entry = 'REPEAT' and r.id > n.id))
                        """)
                .execute(Tuple.of(kinds.stream().map(Enum::name).toArray(String[]::new), CLEARED_NOTE))
                .map(rows -> {
                    Map<AlertKind, Set<String>> out = new EnumMap<>(AlertKind.class);
                    for (Row r : rows) {
                        out.computeIfAbsent(AlertKind.valueOf(r.getString("kind")), k -> new HashSet<>()).add(r.getString("elder_id"));
                    }
                    return out;
                });
    }

    public Uni<Void> timeline(SqlClient c, UUID alertId, String entry, AlertState from, AlertState to, String actor, String note) {
        return c.preparedQuery("insert into alert_timeline (alert_id, entry, from_state, to_state, actor, note) values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple().addUUID(alertId).addString(entry).addString(from == null ? null : from.name())
                        .addString(to == null ? null : to.name()).addString(actor).addString(note))
                .replaceWithVoid();
    }

    public record TimelineEntry(Instant at, String entry, String fromState, String toState, String actor, String note) {
    }

    public Uni<List<TimelineEntry>> timelineOf(SqlClient c, UUID alertId) {
        return c.preparedQuery("select * from alert_timeline where alert_id = $1 order by id").execute(Tuple.of(alertId))
                .map(rows -> {
                    List<TimelineEntry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new TimelineEntry(Sql.instant(r, "at"), r.getString("entry"), r.getString("from_state"),
                                r.getString("to_state"), r.getString("actor"), r.getString("note")));
                    }
                    return out;
                });
    }

    public static List<Alert> all(RowSet<Row> rows) {
        List<Alert> out = new ArrayList<>();
        rows.forEach(r -> out.add(Alert.from(r)));
        return out;
    }
}
