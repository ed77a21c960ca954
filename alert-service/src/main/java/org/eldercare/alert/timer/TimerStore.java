package org.eldercare.alert.timer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Durable timers in the {@code timers} table: one row per (kind, key). */
@ApplicationScoped
public class TimerStore {

    /** Sets the timer, replacing the due time of an existing one. */
    public Uni<Void> set(SqlClient c, TimerKind kind, String key, Instant due, UUID alertId, String payload) {
        return c.preparedQuery("""
                        insert into timers (kind, timer_key, due_at, alert_id, payload) values ($1, $2, $3, $4, $5::text::jsonb)
                        on conflict (kind, timer_key) do update set due_at = excluded.due_at, alert_id = excluded.alert_id,
                            payload = excluded.payload, claimed_by = null
                        """)
                .execute(Tuple.tuple().addString(kind.name()).addString(key).addOffsetDateTime(Sql.ts(due))
                        .addUUID(alertId).addString(payload))
                .replaceWithVoid();
    }

    /** Sets the timer only if none is pending (the first occurrence counts, e.g. since when offline). */
    public Uni<Void> setIfAbsent(SqlClient c, TimerKind kind, String key, Instant due, UUID alertId, String payload) {
        return c.preparedQuery("""
                        insert into timers (kind, timer_key, due_at, alert_id, payload) values ($1, $2, $3, $4, $5::text::jsonb)
                        on conflict (kind, timer_key) do nothing
                        """)
                .execute(Tuple.tuple().addString(kind.name()).addString(key).addOffsetDateTime(Sql.ts(due))
                        .addUUID(alertId).addString(payload))
                .replaceWithVoid();
    }

    /**
     * Moves a pending timer later (never earlier) and clears its payload (what armed it no longer
     * describes it); true if one was pending.
     */
    public Uni<Boolean> postpone(SqlClient c, TimerKind kind, String key, Instant due) {
        return c.preparedQuery("update timers set due_at = greatest(due_at, $3), payload = null where kind = $1 and timer_key = $2")
                .execute(Tuple.of(kind.name(), key, Sql.ts(due)))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Locks an alert's pending escalation and arrival timers. Whoever changes an alert and its timers
     * takes them before the alert's row, in the order the poller does (a claimed timer, then its
     * alert): a person's action and a firing timer then wait for each other instead of deadlocking.
     */
    public Uni<Void> lockOfAlert(SqlClient c, UUID alertId) {
        return c.preparedQuery("""
                        select id from timers where kind in ('ESCALATE', 'ARRIVE_DEADLINE') and timer_key = $1 order by id for update
                        """)
                .execute(Tuple.of(alertId.toString())).replaceWithVoid();
    }

    /**
     * Cancels the pending timer unless the event that armed it (its payload) was received after
     * {@code receivedAt}: an older event handled late (events travel on different topics) does not
     * end a newer one's grace.
     */
    public Uni<Boolean> cancelArmedBy(SqlClient c, TimerKind kind, String key, Instant receivedAt) {
        return c.preparedQuery("""
                        delete from timers where kind = $1 and timer_key = $2
                          and coalesce((payload ->> 'receivedTs')::bigint, 0) <= $3""")
                .execute(Tuple.of(kind.name(), key, receivedAt.toEpochMilli()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The keys of the pending timers of {@code kind}. */
    public Uni<Set<String>> keys(SqlClient c, TimerKind kind) {
        return c.preparedQuery("select timer_key from timers where kind = $1").execute(Tuple.of(kind.name()))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    public Uni<Boolean> cancel(SqlClient c, TimerKind kind, String key) {
        return c.preparedQuery("delete from timers where kind = $1 and timer_key = $2").execute(Tuple.of(kind.name(), key))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Claims due timers: rows locked by another replica's transaction are skipped, and the caller
     * deletes each in the same transaction as its effect, so every timer fires exactly once.
     */
    public Uni<List<Timer>> claimDue(SqlClient c, Instant now, int limit) {
        return c.preparedQuery("""
                        select id, kind, timer_key, due_at, alert_id, payload::text as payload from timers
                        where due_at <= $1 order by due_at limit $2 for update skip locked
                        """)
                .execute(Tuple.of(Sql.ts(now), limit))
                .map(rows -> {
                    List<Timer> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Timer(r.getLong("id"), TimerKind.valueOf(r.getString("kind")), r.getString("timer_key"),
                                Sql.instant(r, "due_at"), r.getUUID("alert_id"), r.getString("payload")));
                    }
                    return out;
                });
    }

    public Uni<Void> delete(SqlClient c, long id) {
        return c.preparedQuery("delete from timers where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * A pending timer, its row locked for the rest of the transaction (null when none
     * is pending). A replica firing it holds the lock until its effect is committed, so a caller
     * waits and then sees the timer as the firing left it.
     */
    public Uni<Timer> pending(SqlClient c, TimerKind kind, String key) {
        return c.preparedQuery("select id, kind, timer_key, due_at, alert_id, payload::text as payload from timers"
                        + " where kind = $1 and timer_key = $2 for update")
                .execute(Tuple.of(kind.name(), key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Timer(r.getLong("id"), TimerKind.valueOf(r.getString("kind")), r.getString("timer_key"),
                            Sql.instant(r, "due_at"), r.getUUID("alert_id"), r.getString("payload"));
                });
    }

    public Uni<Boolean> exists(SqlClient c, TimerKind kind, String key) {
        return c.preparedQuery("select 1 from timers where kind = $1 and timer_key = $2").execute(Tuple.of(kind.name(), key))
                .map(rows -> rows.size() > 0);
    }
}
