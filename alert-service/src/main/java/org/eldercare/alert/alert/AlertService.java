package org.eldercare.alert.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.carecircle.CareCircleStore;
import org.eldercare.alert.detection.ConditionRecovery;
import org.eldercare.alert.escalation.Escalation;
import org.eldercare.alert.escalation.EscalationPolicy;
import org.eldercare.alert.escalation.VisitServiceClient;
import org.eldercare.alert.notification.Delivery;
import org.eldercare.alert.notification.NotificationStore;
import org.eldercare.alert.timer.TimerKind;
import org.eldercare.alert.timer.TimerStore;

import java.time.Instant;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

/** Opening alerts and moving them through the closed loop, with the escalation timers that go with it. */
@ApplicationScoped
public class AlertService {

    private final Pool pool;
    private final AlertStore store;
    private final CareCircleStore circles;
    private final Escalation escalation;
    private final TimerStore timers;
    private final Delivery delivery;
    private final VisitServiceClient visitService;
    private final AlertSettings settings;
    private final AlertMetrics metrics;
    private final NotificationStore notifications;
    private final ClearableConditions clearable;

    public AlertService(Pool pool, AlertStore store, CareCircleStore circles, Escalation escalation, TimerStore timers,
                        Delivery delivery, VisitServiceClient visitService, AlertSettings settings, AlertMetrics metrics,
                        NotificationStore notifications, ClearableConditions clearable) {
        this.clearable = clearable;
        this.metrics = metrics;
        this.notifications = notifications;
        this.pool = pool;
        this.store = store;
        this.circles = circles;
        this.escalation = escalation;
        this.timers = timers;
        this.delivery = delivery;
        this.visitService = visitService;
        this.settings = settings;
    }

    /**
     * Runs {@code work} in one transaction, then sends what it left to send. A failure of the
     * sending never fails the work: the notification rows are committed and the poller retries.
     */
    public <T> Uni<T> inTransaction(BiFunction<SqlClient, AfterCommit, Uni<T>> work) {
        AfterCommit after = new AfterCommit();
        return pool.withTransaction(c -> work.apply(c, after))
                .call(x -> delivery.sendNow(after.notifications()))
                .call(x -> {
                    after.grants().forEach(g -> visitService.grant(g).subscribe().with(v -> { }, e -> { }));
                    return Uni.createFrom().voidItem();
                });
    }

    /** A detector found something: open an alert (and dispatch tier 1), or count a repeat on the open one. */
    public Uni<Alert> raise(SqlClient c, NewAlert a, Instant now, AfterCommit after) {
        return circles.get(c, a.elderId())
                .flatMap(circle -> store.open(c, a, circle, now))
                .invoke(o -> clearable.seen(a.kind(), a.elderId()))
                .flatMap(o -> o.created() ? escalation.dispatch(c, o.alert(), 1, "opened", now, after)
                        : Uni.createFrom().item(o.alert()));
    }

    /**
     * Locks the alert's escalation and arrival timers, then its row, for the rest of the transaction:
     * the order the timer poller and every action take them in. Null when there is no such alert.
     */
    public Uni<Alert> lockForAction(SqlClient c, UUID id) {
        return timers.lockOfAlert(c, id).flatMap(x -> store.lock(c, id));
    }

    /** A person's action on an alert (REST or an app receipt). Fails with IllegalTransitionException. */
    public Uni<Alert> act(SqlClient c, UUID id, AlertAction action, String actor, String note, Instant now) {
        return lockForAction(c, id).flatMap(current -> {
            if (current == null) {
                return Uni.createFrom().failure(new AlertNotFoundException(id));
            }
            return store.transition(c, current, action, actor, note, now).call(a -> afterTransition(c, a, action, now));
        });
    }

    private Uni<Void> afterTransition(SqlClient c, Alert a, AlertAction action, Instant now) {
        String key = a.id().toString();
        if (!a.state().open()) {
            clearable.settled(a.kind(), a.elderId());
        }
        return switch (action) {
            // Accepting stops the chain; arrival is now awaited.
            case ACCEPT -> timers.cancel(c, TimerKind.ESCALATE, key)
                    .invoke(x -> metrics.accepted(a, now))
                    .flatMap(x -> timers.set(c, TimerKind.ARRIVE_DEADLINE, key, now.plus(settings.escalation().arriveDeadline()), a.id(), null));
            case ARRIVE, RESOLVE, VERIFY, CLOSE, CANCEL -> timers.cancel(c, TimerKind.ESCALATE, key)
                    .flatMap(x -> timers.cancel(c, TimerKind.ARRIVE_DEADLINE, key)).replaceWithVoid();
            case DISPATCH, REDISPATCH -> Uni.createFrom().voidItem();
        };
    }

    /** The ESCALATE timer fired: nobody accepted in time. */
    public Uni<Void> escalate(SqlClient c, UUID alertId, int tier, Instant now, AfterCommit after) {
        return store.lock(c, alertId).flatMap(a -> {
            // Already at that tier or past it: declines brought it forward, this timer is left over.
            if (a == null || !(a.state() == AlertState.REPORTED || a.state() == AlertState.DISPATCHED) || a.tier() >= tier) {
                return Uni.createFrom().voidItem();
            }
            return escalation.dispatch(c, a, tier, "nobody accepted", now, after).replaceWithVoid();
        });
    }

    /**
     * An app recipient declined. When every app recipient of the alert's current tier has declined,
     * the next tier is told at once instead of after the tier's delay. The alert's row lock
     * serializes concurrent declines: the last one to commit sees all the others.
     */
    public Uni<Void> declined(SqlClient c, UUID alertId, Instant now, AfterCommit after) {
        return lockForAction(c, alertId).flatMap(a -> {
            if (a == null || !(a.state() == AlertState.REPORTED || a.state() == AlertState.DISPATCHED) || a.tier() < 1) {
                return Uni.createFrom().voidItem();
            }
            return notifications.appReceiptsOfTier(c, a.id(), a.tier()).flatMap(receipts -> {
                if (!EscalationPolicy.everyoneDeclined(receipts)) {
                    return Uni.createFrom().voidItem();
                }
                String why = "all " + receipts.size() + " of tier " + a.tier() + " declined";
                return store.timeline(c, a.id(), "ALL_DECLINED", null, null, "system", "tier " + a.tier() + ": "
                                + String.join(", ", new TreeSet<>(receipts.keySet())))
                        .flatMap(x -> timers.cancel(c, TimerKind.ESCALATE, a.id().toString()))
                        .flatMap(x -> escalation.dispatch(c, a, a.tier() + 1, why, now, after))
                        .replaceWithVoid();
            });
        });
    }

    /**
     * The condition behind the elder's open alert of {@code kind} cleared by itself ({@code what}).
     * Nobody has taken it on: cancelled by the system, and everyone it was sent to hears it was
     * cleared. Someone has: it stays theirs, noted, and they are told. The alert's timers and row are
     * locked as for a person's action, so a repeated or concurrent clearing sees the first one's
     * effect and does nothing (one cancel, one note). A watch other than the alert's does not clear it,
     * nor does an event older ({@code clearedAt}) than the condition's last sighting on the alert.
     */
    public Uni<Void> conditionCleared(SqlClient c, String elderId, String deviceId, AlertKind kind, String what, Instant clearedAt,
                                      Instant now, AfterCommit after) {
        return store.findOpen(c, elderId, kind).flatMap(open -> {
            if (open == null || deviceId != null && open.deviceId() != null && !deviceId.equals(open.deviceId())) {
                return Uni.createFrom().voidItem();
            }
            return lockForAction(c, open.id()).flatMap(a -> ConditionRecovery.stale(clearedAt, a.lastSeenAt())
                    ? Uni.createFrom().voidItem() : switch (ConditionRecovery.outcome(a.state())) {
                case CANCEL -> store.transition(c, a, AlertAction.CANCEL, "system", what, now)
                        .call(cancelled -> afterTransition(c, cancelled, AlertAction.CANCEL, now))
                        .flatMap(cancelled -> escalation.announceCleared(c, cancelled, what, now, after));
                case NOTE -> store.clearedNoted(c, a.id()).flatMap(noted -> noted ? Uni.createFrom().voidItem()
                        : store.timeline(c, a.id(), "NOTE", null, null, "system", AlertStore.CLEARED_NOTE + what)
                        .flatMap(x -> escalation.tellAccepter(c, a, what, now, after)));
                case NONE -> Uni.createFrom().voidItem();
            });
        });
    }

    /** The ARRIVE_DEADLINE timer fired: accepted but nobody arrived; back to dispatched, next tier. */
    public Uni<Void> arriveDeadlinePassed(SqlClient c, UUID alertId, Instant now, AfterCommit after) {
        return store.lock(c, alertId).flatMap(a -> {
            if (a == null || a.state() != AlertState.ACCEPTED) {
                return Uni.createFrom().voidItem();
            }
            int next = Math.max(2, a.tier() + 1);
            return store.transition(c, a, AlertAction.REDISPATCH, "system",
                            "nobody arrived within " + settings.escalation().arriveDeadline() + " of acceptance by " + a.acceptedBy(), now)
                    .flatMap(d -> escalation.dispatch(c, d, Math.min(next, 3), "nobody arrived", now, after))
                    .replaceWithVoid();
        });
    }
}
