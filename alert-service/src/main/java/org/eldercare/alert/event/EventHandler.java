package org.eldercare.alert.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.Sql;
import org.eldercare.alert.alert.AlertAction;
import org.eldercare.alert.alert.AlertKind;
import org.eldercare.alert.alert.AlertService;
import org.eldercare.alert.alert.AlertStore;
import org.eldercare.alert.alert.ClearableConditions;
import org.eldercare.alert.alert.IllegalTransitionException;
import org.eldercare.alert.alert.NewAlert;
import org.eldercare.alert.carecircle.CareCircleStore;
import org.eldercare.alert.detection.CheckInSchedule;
import org.eldercare.alert.detection.ConditionRecovery;
import org.eldercare.alert.detection.FallCancelWindow;
import org.eldercare.alert.detection.SafeZoneRule;
import org.eldercare.alert.detection.VitalsRule;
import org.eldercare.alert.notification.NotificationStore;
import org.eldercare.alert.timer.TimerKind;
import org.eldercare.alert.timer.TimerStore;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the detectors on one internal event, inside one transaction together with the record that
 * the event was handled (so a redelivered event has no second effect); readings (VITALS) in batches,
 * in one transaction per batch and only when they change something ({@link #handleReadings}).
 */
@ApplicationScoped
public class EventHandler {

    /** High-volume, naturally idempotent types: not recorded in processed_events (VITALS take handleReadings). */
    private static final Set<PlatformEventType> UNRECORDED = Set.of(PlatformEventType.VISITOR_LOCATION);

    private final AlertService alerts;
    private final AlertStore alertStore;
    private final CareCircleStore circles;
    private final TimerStore timers;
    private final NotificationStore notifications;
    private final AlertSettings settings;
    private final ObjectMapper json;
    private final CheckInSchedule checkIns;
    /** Outside a transaction: the circle of an elder not in memory, while a batch of readings is judged. */
    private final Pool pool;
    /** Per replica: the local day each elder was last seen active, so activity costs one write a day. */
    private final Map<String, LocalDate> activeOn = new ConcurrentHashMap<>();
    /**
     * Per replica: the excursions (elder:kind) a reading out of bounds may have begun, each with the
     * stamp of its latest such reading, so that a normal reading costs nothing unless it may end one.
     */
    private final Map<String, Long> inExcursion = new ConcurrentHashMap<>();
    private final AtomicLong excursionStamps = new AtomicLong();
    /** Per replica: writes of readings being committed now, by name, with their transaction. */
    private final Map<String, Uni<Void>> running = new ConcurrentHashMap<>();
    /** Elders whose watch is off the wrist or battery low, so that only their readings look for a clearing. */
    private final ClearableConditions clearable;

    public EventHandler(AlertService alerts, AlertStore alertStore, CareCircleStore circles, TimerStore timers,
                        NotificationStore notifications, AlertSettings settings, ObjectMapper json, ClearableConditions clearable,
                        Pool pool) {
        this.alerts = alerts;
        this.pool = pool;
        this.clearable = clearable;
        this.alertStore = alertStore;
        this.circles = circles;
        this.timers = timers;
        this.notifications = notifications;
        this.settings = settings;
        this.json = json;
        this.checkIns = new CheckInSchedule(ZoneId.of(settings.zone()));
    }

    public Uni<Void> handle(PlatformEvent e) {
        if (e.type() == PlatformEventType.VITALS) {
            return handleReadings(List.of(e));
        }
        Instant now = Instant.now();
        return alerts.inTransaction((c, after) -> firstTime(c, e).flatMap(first -> first
                ? apply(c, e, now, after) : Uni.createFrom().voidItem()));
    }

    private Uni<Boolean> firstTime(SqlClient c, PlatformEvent e) {
        if (UNRECORDED.contains(e.type())) {
            return Uni.createFrom().item(true);
        }
        return c.preparedQuery("insert into processed_events (event_id) values ($1) on conflict do nothing")
                .execute(Tuple.of(e.eventId())).map(r -> r.rowCount() == 1);
    }

    private Uni<Void> apply(SqlClient c, PlatformEvent e, Instant now, AfterCommit after) {
        Instant at = Instant.ofEpochMilli(e.ts());
        return switch (e.type()) {
            case FALL -> fall(c, e, now, after);
            case FALL_CANCELLED -> fallCancelled(c, e, now);
            case SOS -> raise(c, e, AlertKind.SOS, "SOS pressed", now, after);
            case CHECK_IN, VISIT_COMPLETED -> checkedIn(c, e.elderId(), at);
            case LOW_BATTERY -> raise(c, e, AlertKind.LOW_BATTERY,
                    e.battery() == null ? "watch reports low battery" : "battery " + e.battery() + "%", now, after);
            case REMOVED -> {
                if (e.elderId() == null) {
                    yield Uni.createFrom().voidItem();
                }
                clearable.seen(AlertKind.WATCH_REMOVED, e.elderId());
                yield timers.setIfAbsent(c, TimerKind.WATCH_REMOVED, e.elderId(),
                        Instant.ofEpochMilli(e.receivedTs()).plus(settings.detect().removedTooLong()), null, eventJson(e));
            }
            case WORN -> wornAgain(c, e, now, after);
            case DEVICE_OFFLINE -> e.deviceId() == null || e.elderId() == null ? Uni.createFrom().voidItem()
                    : timers.setIfAbsent(c, TimerKind.DEVICE_OFFLINE, e.deviceId(),
                    Instant.ofEpochMilli(e.receivedTs()).plus(settings.detect().offlineGrace()), null, eventJson(e));
            case DEVICE_ONLINE -> e.deviceId() == null ? Uni.createFrom().voidItem()
                    : timers.cancelArmedBy(c, TimerKind.DEVICE_OFFLINE, e.deviceId(), Instant.ofEpochMilli(e.receivedTs()))
                    .flatMap(x -> cleared(c, e, AlertKind.DEVICE_OFFLINE, now, after));
            case VITALS -> Uni.createFrom().failure(new IllegalArgumentException("readings go through handleReadings"));
            case VISITOR_LOCATION -> e.actorId() == null ? Uni.createFrom().voidItem()
                    : circles.recordPosition(c, e.actorId(), Boolean.TRUE.equals(e.onDuty()), e.loc(), Instant.ofEpochMilli(e.ts()));
            case NOTIFICATION_ACK -> receipt(c, e, now, after);
        };
    }

    private Uni<Void> raise(SqlClient c, PlatformEvent e, AlertKind kind, String detail, Instant now, AfterCommit after) {
        if (e.elderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return alerts.raise(c, new NewAlert(e.elderId(), kind, e.deviceId(), e.eventId(), Instant.ofEpochMilli(e.ts()), e.loc(),
                detail, false), now, after).replaceWithVoid();
    }

    private Uni<Void> fall(SqlClient c, PlatformEvent e, Instant now, AfterCommit after) {
        if (e.elderId() == null) {
            return Uni.createFrom().voidItem();
        }
        // The fall and its cancel may be handled at the same moment (replicas, concurrent handlers):
        // a lock per fall serializes them, so the later one always sees the earlier one's effect.
        return lockFall(c, e.eventId())
                .flatMap(x -> c.preparedQuery("select 1 from cancelled_falls where fall_event_id = $1").execute(Tuple.of(e.eventId())))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        return Uni.createFrom().voidItem(); // the cancel overtook the fall
                    }
                    Instant confirmAt = FallCancelWindow.confirmAt(e.ts(), e.receivedTs(), settings.fall().cancelWindow());
                    boolean atOnce = "AT_ONCE".equalsIgnoreCase(settings.fall().mode());
                    if (atOnce && confirmAt.isAfter(now)) {
                        return alerts.raise(c, new NewAlert(e.elderId(), AlertKind.FALL, e.deviceId(), e.eventId(),
                                        Instant.ofEpochMilli(e.ts()), e.loc(), "fall reported by the watch; cancel window open", true), now, after)
                                .flatMap(a -> timers.set(c, TimerKind.FALL_CANCEL_WINDOW_END, e.eventId(), confirmAt, a.id(), null));
                    }
                    if (!confirmAt.isAfter(now)) {
                        return raise(c, e, AlertKind.FALL, "fall reported by the watch, not cancelled", now, after);
                    }
                    return timers.setIfAbsent(c, TimerKind.FALL_CONFIRM, e.eventId(), confirmAt, null, eventJson(e));
                });
    }

    private Uni<Void> fallCancelled(SqlClient c, PlatformEvent e, Instant now) {
        if (e.ref() == null || e.deviceId() == null) {
            return Uni.createFrom().voidItem();
        }
        // The FALL's eventId is "<deviceId>:<its message id>", and ref is that message id.
        String fallId = e.deviceId() + ":" + e.ref();
        return lockFall(c, fallId)
                .flatMap(x -> c.preparedQuery("insert into cancelled_falls (fall_event_id, cancelled_at) values ($1, $2) on conflict do nothing")
                        .execute(Tuple.of(fallId, Sql.ts(Instant.ofEpochMilli(e.ts())))))
                .flatMap(x -> timers.cancel(c, TimerKind.FALL_CONFIRM, fallId))
                .flatMap(x -> timers.cancel(c, TimerKind.FALL_CANCEL_WINDOW_END, fallId))
                .flatMap(x -> alertStore.findOpenBySource(c, fallId))
                .flatMap(a -> {
                    if (a == null || !a.state().open()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (a.pendingCancel()) {
                        return alerts.act(c, a.id(), AlertAction.CANCEL, "wearer", "cancelled on the watch (I am fine)", now).replaceWithVoid();
                    }
                    // After the window the alert stands; the people on it should still know.
                    return alertStore.timeline(c, a.id(), "NOTE", null, null, "wearer", "pressed 'I am fine' after the cancel window");
                });
    }

    private Uni<Void> lockFall(SqlClient c, String fallId) {
        return c.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("fall:" + fallId)).replaceWithVoid();
    }

    /** A check-in, completed visit or activity while worn: the next deadline is tomorrow's. */
    private Uni<Void> checkedIn(SqlClient c, String elderId, Instant at) {
        if (elderId == null) {
            return Uni.createFrom().voidItem();
        }
        LocalTime deadline = deadlineOf(circles.cached(elderId).orElse(null));
        if (deadline == null) {
            return Uni.createFrom().voidItem();
        }
        activeOn.put(elderId, at.atZone(ZoneId.of(settings.zone())).toLocalDate());
        return timers.postpone(c, TimerKind.CHECK_IN_DEADLINE, elderId, checkIns.nextDeadlineAfterCheckIn(deadline, at)).replaceWithVoid();
    }

    public LocalTime deadlineOf(CareCircle circle) {
        if (circle == null || !circle.active()) {
            return null;
        }
        if (circle.checkInPolicy() != null) {
            return circle.checkInPolicy().enabled() ? CheckInSchedule.parseDeadline(circle.checkInPolicy().deadline()).orElse(null) : null;
        }
        return settings.detect().defaultCheckInDeadline().flatMap(CheckInSchedule::parseDeadline).orElse(null);
    }

    private Uni<Void> wornAgain(SqlClient c, PlatformEvent e, Instant now, AfterCommit after) {
        if (e.elderId() == null) {
            return Uni.createFrom().voidItem();
        }
        clearable.settled(AlertKind.WATCH_REMOVED, e.elderId());
        return timers.cancelArmedBy(c, TimerKind.WATCH_REMOVED, e.elderId(), Instant.ofEpochMilli(e.receivedTs()))
                .flatMap(x -> cleared(c, e, AlertKind.WATCH_REMOVED, now, after));
    }

    /** {@code e} shows that the condition behind an open alert of {@code kind} has cleared by itself. */
    private Uni<Void> cleared(SqlClient c, PlatformEvent e, AlertKind kind, Instant now, AfterCommit after) {
        if (e.elderId() == null || !settings.detect().clearOnRecovery()) {
            return Uni.createFrom().voidItem();
        }
        String what = ConditionRecovery.whatCleared(kind, e.battery(), Instant.ofEpochMilli(e.ts()), ZoneId.of(settings.zone()));
        return alerts.conditionCleared(c, e.elderId(), e.deviceId(), kind, what, ConditionRecovery.clearedAt(kind, e.ts(), e.receivedTs()),
                now, after);
    }

    /**
     * A batch of VITALS readings, each with the effect it would have had alone, in the batch's order.
     * Most readings change nothing (a normal value, no excursion to end, nothing to clear, activity
     * already seen today): they are judged in memory and cost no query. Those that do change
     * something share one transaction. VITALS are not recorded in processed_events: every write here
     * is idempotent, so a batch redelivered after a crash has no second effect.
     */
    public Uni<Void> handleReadings(List<PlatformEvent> readings) {
        Instant now = Instant.now();
        ReadingsPlan plan = new ReadingsPlan();
        return Multi.createFrom().iterable(readings)
                .onItem().transformToUniAndConcatenate(e -> e.elderId() == null ? Uni.createFrom().voidItem()
                        : circles.get(pool, e.elderId()).invoke(circle -> plan(plan, e, circle, now)).replaceWithVoid())
                .collect().last()
                .flatMap(x -> {
                    List<Uni<Void>> all = new ArrayList<>(plan.awaited());
                    if (!plan.isEmpty()) {
                        all.add(inFlight(plan, alerts.inTransaction((c, after) -> lockReadings(c, plan.elders())
                                .flatMap(y -> plan.run(c, after))).invoke(plan::committed)));
                    }
                    return all.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(all).andFailFast().replaceWithVoid();
                });
    }

    /**
     * Names the running transaction under the plan's claims until it ends, so that a batch planned
     * meanwhile that needs the same write (the same excursion ended, the same first activity of the
     * day) waits for this commit rather than making it again; its acknowledgement still follows the
     * commit of its effect. Memory is updated (committed) before the names go.
     */
    private Uni<Void> inFlight(ReadingsPlan plan, Uni<Void> transaction) {
        List<Uni<Void>> self = new ArrayList<>(1);
        Uni<Void> shared = transaction
                .onTermination().invoke(() -> plan.claims().forEach(id -> running.remove(id, self.get(0))))
                .memoize().indefinitely();
        self.add(shared);
        plan.claims().forEach(id -> running.put(id, shared));
        return shared;
    }

    /**
     * Serializes the readings transactions of an elder across batches and replicas. A transaction
     * now holds several readings, so two of them could otherwise take the same rows in opposite
     * orders (elder A then B, or one elder's heart-rate row then its SpO2 row) and deadlock; every
     * readings transaction takes these locks first, in one order (by key), before any row.
     */
    private static Uni<Void> lockReadings(SqlClient c, Set<String> elders) {
        return c.preparedQuery("""
                        select pg_advisory_xact_lock(k) from (
                            select distinct hashtext('vitals:' || e) as k from unnest($1::text[]) as e order by k) as keys
                        """)
                .execute(Tuple.of(elders.toArray(String[]::new))).replaceWithVoid();
    }

    /** True (and {@code plan} waits for it) when another batch's transaction is making the write {@code id}. */
    private boolean awaitRunning(ReadingsPlan plan, String id) {
        Uni<Void> other = running.get(id);
        if (other == null) {
            return false;
        }
        plan.await(other);
        return true;
    }

    /** Judges one reading in memory and adds to {@code plan} what it has to write, if anything. */
    private void plan(ReadingsPlan plan, PlatformEvent e, CareCircle circle, Instant now) {
        String elder = e.elderId();
        if (circle == null || !circle.active()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(e.ts());
        if (Boolean.TRUE.equals(e.worn())) {
            if (clearable.awaitsClearing(AlertKind.WATCH_REMOVED, elder) && plan.firstInBatch("worn:" + elder)) {
                plan.write(elder, (c, after) -> wornAgain(c, e, now, after));
            }
            LocalDate today = at.atZone(ZoneId.of(settings.zone())).toLocalDate();
            LocalTime deadline = deadlineOf(circle);
            boolean active = e.steps() != null && e.steps() > 0;
            String activity = "active:" + elder + ":" + today;
            if (active && deadline != null && !today.equals(activeOn.get(elder)) && plan.firstInBatch(activity)
                    && !awaitRunning(plan, activity)) {
                plan.claim(activity);
                plan.write(elder, (c, after) -> timers.postpone(c, TimerKind.CHECK_IN_DEADLINE, elder,
                        checkIns.nextDeadlineAfterCheckIn(deadline, at)).replaceWithVoid());
                plan.whenCommitted(() -> activeOn.merge(elder, today, (a, b) -> a.isAfter(b) ? a : b));
            }
        }
        Map<AlertKind, Boolean> judged = VitalsRule.judge(circle.vitalThresholds(), e.hr(), e.spo2());
        for (Map.Entry<AlertKind, Boolean> j : judged.entrySet()) {
            AlertKind kind = j.getKey();
            String key = elder + ":" + kind.name();
            Integer value = kind == AlertKind.VITALS_SPO2_LOW ? e.spo2() : e.hr();
            if (j.getValue()) {
                inExcursion.put(key, excursionStamps.incrementAndGet());
                plan.write(elder, (c, after) -> c.preparedQuery("""
                                insert into vital_excursions (elder_id, kind, since, last_seen, last_value) values ($1, $2, $3, $3, $4)
                                on conflict (elder_id, kind) do update set last_seen = greatest(vital_excursions.last_seen, excluded.last_seen),
                                    last_value = excluded.last_value
                                """).execute(Tuple.of(elder, kind.name(), Sql.ts(at), value))
                        .flatMap(x -> timers.setIfAbsent(c, TimerKind.VITALS_SUSTAINED, key,
                                at.plus(settings.detect().vitalsSustain()), null, eventJson(e))));
                continue;
            }
            Long stamp = inExcursion.get(key);
            String ending = "end:" + key + "#" + stamp;
            if (stamp == null || !plan.endsExcursionFirst(key, stamp) || awaitRunning(plan, ending)) {
                continue;
            }
            plan.claim(ending);
            // Ends the excursion unless it began after this reading (a batch handled late); its
            // timer goes with it. Forgotten in memory only when none is left, and only if no reading
            // out of bounds came in the meantime.
            AtomicBoolean over = new AtomicBoolean();
            plan.write(elder, (c, after) -> c.preparedQuery("""
                            with ended as (delete from vital_excursions where elder_id = $1 and kind = $2 and since <= $3 returning 1)
                            select exists (select 1 from vital_excursions where elder_id = $1 and kind = $2 and since > $3) as newer
                            """).execute(Tuple.of(elder, kind.name(), Sql.ts(at)))
                    .flatMap(rows -> {
                        if (rows.iterator().next().getBoolean("newer")) {
                            return Uni.createFrom().voidItem();
                        }
                        over.set(true);
                        return timers.cancel(c, TimerKind.VITALS_SUSTAINED, key).replaceWithVoid();
                    }));
            plan.whenCommitted(() -> {
                if (over.get()) {
                    inExcursion.remove(key, stamp);
                }
            });
        }
        if (e.battery() != null && e.battery() <= settings.detect().lowBatteryPercent() && e.battery() >= 0) {
            clearable.seen(AlertKind.LOW_BATTERY, elder);
            plan.write(elder, (c, after) -> alertStore.findOpen(c, elder, AlertKind.LOW_BATTERY)
                    .flatMap(open -> open != null ? Uni.createFrom().voidItem()
                            : raise(c, e, AlertKind.LOW_BATTERY, "battery " + e.battery() + "%", now, after)));
        }
        if (clearable.awaitsClearing(AlertKind.LOW_BATTERY, elder) && ConditionRecovery.batteryRecovered(e.battery(),
                settings.detect().lowBatteryPercent(), settings.detect().batteryRecoveredPercent())) {
            clearable.settled(AlertKind.LOW_BATTERY, elder);
            plan.write(elder, (c, after) -> cleared(c, e, AlertKind.LOW_BATTERY, now, after));
        }
        if (e.loc() != null && SafeZoneRule.outside(circle.safeZone(), e.loc())) {
            int d = (int) SafeZoneRule.distanceMeters(circle.safeZone().center(), e.loc());
            plan.write(elder, (c, after) -> raise(c, e, AlertKind.LEFT_SAFE_ZONE, d + " m from the centre of the safe zone", now, after));
        }
    }

    private Uni<Void> receipt(SqlClient c, PlatformEvent e, Instant now, AfterCommit after) {
        if (e.notificationId() == null || e.actorId() == null || e.action() == null) {
            return Uni.createFrom().voidItem();
        }
        UUID id;
        try {
            id = UUID.fromString(e.notificationId());
        } catch (IllegalArgumentException bad) {
            return Uni.createFrom().voidItem();
        }
        Instant at = Instant.ofEpochMilli(e.ts());
        return notifications.receipt(c, id, e.actorId(), e.action(), at).flatMap(r -> {
            if (r == null) {
                return Uni.createFrom().voidItem();
            }
            // The alert's locks first, in the order every action takes them: the timeline row's key-share
            // lock on the alert would otherwise let two concurrent receipts (two declines) deadlock.
            Uni<Void> logged = alerts.lockForAction(c, r.alertId())
                    .flatMap(x -> alertStore.timeline(c, r.alertId(), "RECEIPT", null, null, e.actorId(),
                            e.action() + (e.note() == null ? "" : ": " + e.note())));
            AlertAction action = switch (e.action()) {
                case "ACCEPTED" -> AlertAction.ACCEPT;
                case "ARRIVED" -> AlertAction.ARRIVE;
                case "RESOLVED" -> AlertAction.RESOLVE;
                default -> null;
            };
            if ("DECLINED".equals(e.action())) {
                return logged.flatMap(x -> alerts.declined(c, r.alertId(), now, after));
            }
            if (action == null) {
                return logged;
            }
            // A receipt that no longer fits (someone else accepted first) stays in the timeline only.
            return logged.flatMap(x -> alerts.act(c, r.alertId(), action, e.actorId(), e.note(), now)
                    .replaceWithVoid()
                    .onFailure(IllegalTransitionException.class).recoverWithUni(
                            err -> alertStore.timeline(c, r.alertId(), "RECEIPT_IGNORED", null, null, e.actorId(), err.getMessage())));
        });
    }

    private String eventJson(PlatformEvent e) {
        try {
            return json.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public PlatformEvent parseEvent(String payload) throws JsonProcessingException {
        return json.readValue(payload, PlatformEvent.class);
    }
}
