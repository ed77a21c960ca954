package org.eldercare.alert.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.HashSet;
import java.util.UUID;

/** Notifications, their delivery state and every attempt. */
@ApplicationScoped
public class NotificationStore {

    /** A tier told to act on the alert; only these count for escalation and receipts' declines. */
    public static final String ALERT = "ALERT";
    /** The alert's condition cleared by itself: for information, nothing to answer. */
    public static final String CLEARED = "CLEARED";

    public Uni<Void> insert(SqlClient c, UUID id, UUID alertId, int tier, String role, String channel, String address,
                            String userId, String payload, Instant firstPollAt) {
        return insert(c, id, alertId, tier, role, channel, address, userId, payload, firstPollAt, ALERT);
    }

    public Uni<Void> insert(SqlClient c, UUID id, UUID alertId, int tier, String role, String channel, String address,
                            String userId, String payload, Instant firstPollAt, String purpose) {
        return c.preparedQuery("""
                        insert into notifications (id, alert_id, tier, role, channel, address, user_id, payload, next_attempt_at, purpose)
                        values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10)
                        """)
                .execute(Tuple.tuple().addUUID(id).addUUID(alertId).addInteger(tier).addString(role).addString(channel)
                        .addString(address).addString(userId).addString(payload).addOffsetDateTime(Sql.ts(firstPollAt))
                        .addString(purpose))
                .replaceWithVoid();
    }

    /** One person or channel an alert was sent to. */
    public record Addressee(String role, String channel, String address, String userId) {
    }

    /** Everyone an alert was sent to, once per channel and address, in the order they were told. */
    public Uni<List<Addressee>> addresseesOf(SqlClient c, UUID alertId) {
        return c.preparedQuery("""
                        select role, channel, address, user_id from (
                            select distinct on (channel, address) role, channel, address, user_id, created_at, id from notifications
                            where alert_id = $1 and purpose = 'ALERT' order by channel, address, created_at, id) first_told
                        order by created_at, id
                        """)
                .execute(Tuple.of(alertId))
                .map(rows -> {
                    List<Addressee> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Addressee(r.getString("role"), r.getString("channel"), r.getString("address"),
                            r.getString("user_id"))));
                    return out;
                });
    }

    /** Claims one pending notification for an attempt, pushing its next poll past the lease. */
    public Uni<PendingNotification> claim(SqlClient c, UUID id, Instant leaseUntil) {
        return c.preparedQuery("""
                        update notifications set next_attempt_at = $2 where id = (
                            select id from notifications where id = $1 and status = 'PENDING' for update skip locked)
                        returning id, alert_id, channel, address, user_id, payload::text as payload, attempts
                        """)
                .execute(Tuple.of(id, Sql.ts(leaseUntil)))
                .map(rows -> rows.size() == 0 ? null : pending(rows.iterator().next()));
    }

    /** Claims pending notifications whose next attempt is due (retries, and fast paths that died). */
    public Uni<List<PendingNotification>> claimDue(SqlClient c, Instant now, Instant leaseUntil, int limit) {
        return c.preparedQuery("""
                        update notifications set next_attempt_at = $2 where id in (
                            select id from notifications where status = 'PENDING' and next_attempt_at <= $1
                            order by next_attempt_at limit $3 for update skip locked)
                        returning id, alert_id, channel, address, user_id, payload::text as payload, attempts
                        """)
                .execute(Tuple.of(Sql.ts(now), Sql.ts(leaseUntil), limit))
                .map(rows -> {
                    List<PendingNotification> out = new ArrayList<>();
                    rows.forEach(r -> out.add(pending(r)));
                    return out;
                });
    }

    private static PendingNotification pending(Row r) {
        return new PendingNotification(r.getUUID("id"), r.getUUID("alert_id"), r.getString("channel"), r.getString("address"),
                r.getString("user_id"), r.getString("payload"), r.getInteger("attempts"));
    }

    /** Records an attempt; {@code retryAt} null after a failure means give up. */
    public Uni<Void> recordAttempt(SqlClient c, UUID id, int attempt, boolean ok, String detail, Instant retryAt) {
        String status = ok ? "SENT" : retryAt == null ? "FAILED" : "PENDING";
        return c.preparedQuery("""
                        update notifications set attempts = $2, status = $3,
                            delivered_at = case when $3 = 'SENT' then now() else delivered_at end,
                            last_error = case when $3 = 'SENT' then null else $4 end,
                            next_attempt_at = coalesce($5, next_attempt_at)
                        where id = $1
                        """)
                .execute(Tuple.tuple().addUUID(id).addInteger(attempt).addString(status).addString(detail)
                        .addOffsetDateTime(Sql.ts(retryAt)))
                .flatMap(x -> c.preparedQuery("insert into delivery_attempts (notification_id, attempt, ok, detail) values ($1, $2, $3, $4)")
                        .execute(Tuple.of(id, attempt, ok, detail)))
                .replaceWithVoid();
    }

    public record Receipted(UUID notificationId, UUID alertId, String userId, String role) {
    }

    /** Records the app's receipt; null when the notification is unknown or not addressed to {@code userId}. */
    public Uni<Receipted> receipt(SqlClient c, UUID id, String userId, String action, Instant at) {
        return c.preparedQuery("""
                        update notifications set
                            -- a late RECEIVED (receipts may overtake each other) never hides a decline or an acceptance
                            receipt = case when $3 = 'RECEIVED' and receipt is not null then receipt else $3 end,
                            receipt_at = case when $3 = 'RECEIVED' and receipt is not null then receipt_at else $4 end,
                            status = case when status = 'PENDING' then 'SENT' else status end,
                            delivered_at = coalesce(delivered_at, $4)
                        where id = $1 and user_id = $2 returning alert_id, role
                        """)
                .execute(Tuple.of(id, userId, action, Sql.ts(at)))
                .map(rows -> rows.size() == 0 ? null
                        : new Receipted(id, rows.iterator().next().getUUID("alert_id"), userId, rows.iterator().next().getString("role")));
    }

    /** The app recipients of one tier of an alert, each with their latest receipt ("" when none yet). */
    public Uni<Map<String, String>> appReceiptsOfTier(SqlClient c, UUID alertId, int tier) {
        return c.preparedQuery("""
                        select user_id, receipt from notifications
                        where alert_id = $1 and tier = $2 and channel = 'APP' and user_id is not null and purpose = 'ALERT'
                        """)
                .execute(Tuple.of(alertId, tier))
                .map(rows -> {
                    Map<String, String> out = new HashMap<>();
                    rows.forEach(r -> out.merge(r.getString("user_id"), r.getString("receipt") == null ? "" : r.getString("receipt"),
                            (a, b) -> "DECLINED".equals(a) ? b : a));
                    return out;
                });
    }

    /** App users already told about the alert (not to be told twice by a later tier). */
    public Uni<Set<String>> notifiedUsers(SqlClient c, UUID alertId) {
        return c.preparedQuery("select distinct user_id from notifications where alert_id = $1 and user_id is not null and purpose = 'ALERT'")
                .execute(Tuple.of(alertId))
                .map(rows -> {
                    Set<String> out = new HashSet<>();
                    rows.forEach(r -> out.add(r.getString("user_id")));
                    return out;
                });
    }

    public record NotificationView(UUID id, int tier, String purpose, String role, String channel, String address, String userId,
                                   String status, int attempts, Instant createdAt, Instant deliveredAt, String lastError,
                                   String receipt, Instant receiptAt) {
    }

    public Uni<List<NotificationView>> ofAlert(SqlClient c, UUID alertId) {
        return c.preparedQuery("select * from notifications where alert_id = $1 order by created_at, id").execute(Tuple.of(alertId))
                .map(rows -> {
                    List<NotificationView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new NotificationView(r.getUUID("id"), r.getInteger("tier"), r.getString("purpose"), r.getString("role"),
                            r.getString("channel"), r.getString("address"), r.getString("user_id"), r.getString("status"),
                            r.getInteger("attempts"), Sql.instant(r, "created_at"), Sql.instant(r, "delivered_at"),
                            r.getString("last_error"), r.getString("receipt"), Sql.instant(r, "receipt_at"))));
                    return out;
                });
    }

    public record AttemptView(UUID notificationId, int attempt, Instant at, boolean ok, String detail) {
    }

    public Uni<List<AttemptView>> attemptsOf(SqlClient c, UUID alertId) {
        return c.preparedQuery("""
                        select a.* from delivery_attempts a join notifications n on n.id = a.notification_id
                        where n.alert_id = $1 order by a.id
                        """).execute(Tuple.of(alertId))
                .map(rows -> {
                    List<AttemptView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new AttemptView(r.getUUID("notification_id"), r.getInteger("attempt"),
                            Sql.instant(r, "at"), r.getBoolean("ok"), r.getString("detail"))));
                    return out;
                });
    }
}
