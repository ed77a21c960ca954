package org.eldercare.alert.timer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.Sql;
import org.eldercare.alert.alert.AlertKind;
import org.eldercare.alert.alert.AlertService;
import org.eldercare.alert.alert.AlertStore;
import org.eldercare.alert.alert.NewAlert;
import org.eldercare.alert.carecircle.CareCircleStore;
import org.eldercare.alert.detection.CheckInSchedule;
import org.eldercare.alert.detection.SustainedCondition;
import org.eldercare.alert.event.EventHandler;
import org.eldercare.contracts.PlatformEvent;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Fires due timers about once a second. Each batch is claimed with FOR UPDATE SKIP LOCKED and each
 * timer's row is deleted in the same transaction as its effect: replicas split the due timers, a
 * crash before commit leaves the timer to fire again, and none fires twice.
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    private final AlertService alerts;
    private final AlertStore alertStore;
    private final TimerStore timers;
    private final CareCircleStore circles;
    private final EventHandler events;
    private final AlertSettings settings;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final CheckInSchedule schedule;

    public TimerPoller(AlertService alerts, AlertStore alertStore, TimerStore timers, CareCircleStore circles, EventHandler events,
                       AlertSettings settings, ObjectMapper json, MeterRegistry metrics) {
        this.alerts = alerts;
        this.alertStore = alertStore;
        this.timers = timers;
        this.circles = circles;
        this.events = events;
        this.settings = settings;
        this.json = json;
        this.metrics = metrics;
        this.schedule = new CheckInSchedule(ZoneId.of(settings.zone()));
    }

    @Scheduled(every = "${eldercare.alert.timers.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> poll() {
        return fireBatch(0).onFailure().invoke(e -> LOG.warnf("timer poll failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Fires batches until fewer than a full batch were due (a morning of 100k deadlines drains quickly). */
    private Uni<Void> fireBatch(int round) {
        int batch = settings.timers().batch();
        Instant now = Instant.now();
        return alerts.inTransaction((c, after) -> timers.claimDue(c, now, batch)
                        .flatMap(due -> fireAll(c, due, now, after).replaceWith(due.size())))
                .onFailure().recoverWithUni(e -> {
                    // One bad timer must not hold back the others: fire this round one by one.
                    LOG.warnf("timer batch failed (%s); firing one at a time", e.getMessage());
                    return fireOneByOne(now, batch).replaceWith(0);
                })
                .flatMap(n -> n >= batch && round < 50 ? fireBatch(round + 1) : Uni.createFrom().voidItem());
    }

    private Uni<Void> fireOneByOne(Instant now, int remaining) {
        if (remaining <= 0) {
            return Uni.createFrom().voidItem();
        }
        return alerts.inTransaction((c, after) -> timers.claimDue(c, now, 1)
                        .flatMap(due -> fireAll(c, due, now, after).replaceWith(due.size())))
                .onFailure().recoverWithUni(e -> alerts.inTransaction((c, after) -> timers.claimDue(c, now, 1)
                        .flatMap(due -> {
                            // Still failing: push it back a minute rather than spin on it.
                            LOG.errorf(e, "timer %s keeps failing; retrying in 1 minute", due.isEmpty() ? "?" : due.get(0).kind() + "/" + due.get(0).key());
                            return due.isEmpty() ? Uni.createFrom().item(0)
                                    : c.preparedQuery("update timers set due_at = now() + interval '1 minute' where id = $1")
                                    .execute(Tuple.of(due.get(0).id())).replaceWith(1);
                        })))
                .flatMap(n -> n == 0 ? Uni.createFrom().voidItem() : fireOneByOne(now, remaining - 1));
    }

    private Uni<Void> fireAll(SqlClient c, List<Timer> due, Instant now, AfterCommit after) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Timer t : due) {
            chain = chain.call(() -> timers.delete(c, t.id()).flatMap(x -> fire(c, t, now, after)))
                    .invoke(() -> metrics.counter("eldercare.alert.timers.fired", "kind", t.kind().name()).increment());
        }
        return chain;
    }

    Uni<Void> fire(SqlClient c, Timer t, Instant now, AfterCommit after) {
        return switch (t.kind()) {
            case FALL_CONFIRM -> {
                PlatformEvent e = event(t);
                yield alerts.raise(c, new NewAlert(e.elderId(), AlertKind.FALL, e.deviceId(), e.eventId(), Instant.ofEpochMilli(e.ts()),
                        e.loc(), "fall reported by the watch, not cancelled within " + settings.fall().cancelWindow().toSeconds() + " s",
                        false), now, after).replaceWithVoid();
            }
            case FALL_CANCEL_WINDOW_END -> t.alertId() == null ? Uni.createFrom().voidItem()
                    : alertStore.clearPendingCancel(c, t.alertId())
                    .flatMap(x -> alertStore.timeline(c, t.alertId(), "NOTE", null, null, "system", "cancel window passed without cancel"));
            case ESCALATE -> alerts.escalate(c, t.alertId(), tier(t), now, after);
            case ARRIVE_DEADLINE -> alerts.arriveDeadlinePassed(c, t.alertId(), now, after);
            case DEVICE_OFFLINE -> {
                PlatformEvent e = event(t);
                yield alerts.raise(c, new NewAlert(e.elderId(), AlertKind.DEVICE_OFFLINE, e.deviceId(), e.eventId(),
                        Instant.ofEpochMilli(e.receivedTs()), e.loc(), "watch " + e.deviceId() + " offline since "
                        + Instant.ofEpochMilli(e.receivedTs()), false), now, after).replaceWithVoid();
            }
            case WATCH_REMOVED -> {
                PlatformEvent e = event(t);
                yield alerts.raise(c, new NewAlert(e.elderId(), AlertKind.WATCH_REMOVED, e.deviceId(), e.eventId(),
                        Instant.ofEpochMilli(e.receivedTs()), e.loc(), "watch off the wrist since " + Instant.ofEpochMilli(e.receivedTs()),
                        false), now, after).replaceWithVoid();
            }
            case VITALS_SUSTAINED -> vitalsSustained(c, t, now, after);
            case CHECK_IN_DEADLINE -> missedCheckIn(c, t, now, after);
        };
    }

    private Uni<Void> vitalsSustained(SqlClient c, Timer t, Instant now, AfterCommit after) {
        PlatformEvent e = event(t);
        String elder = t.key().substring(0, t.key().lastIndexOf(':'));
        AlertKind kind = AlertKind.valueOf(t.key().substring(t.key().lastIndexOf(':') + 1));
        return c.preparedQuery("select since, last_seen, last_value from vital_excursions where elder_id = $1 and kind = $2")
                .execute(Tuple.of(elder, kind.name()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    var r = rows.iterator().next();
                    Instant since = Sql.instant(r, "since");
                    Instant lastSeen = Sql.instant(r, "last_seen");
                    // Judged on the readings' own clock: "now" is the due time the readings reached.
                    Instant judgedAt = lastSeen.isAfter(t.dueAt()) ? lastSeen : t.dueAt();
                    if (!SustainedCondition.confirmed(since, lastSeen, judgedAt, settings.detect().vitalsSustain(),
                            settings.detect().vitalsStaleAfter())) {
                        return c.preparedQuery("delete from vital_excursions where elder_id = $1 and kind = $2")
                                .execute(Tuple.of(elder, kind.name())).replaceWithVoid();
                    }
                    return alerts.raise(c, new NewAlert(elder, kind, e.deviceId(), e.eventId(), since, e.loc(),
                            "last value " + r.getInteger("last_value") + " out of bounds since " + since, false), now, after)
                            .replaceWithVoid();
                });
    }

    private Uni<Void> missedCheckIn(SqlClient c, Timer t, Instant now, AfterCommit after) {
        String elder = t.key();
        return circles.get(c, elder).flatMap(circle -> {
            LocalTime deadline = events.deadlineOf(circle);
            if (deadline == null) {
                return Uni.createFrom().voidItem(); // policy switched off: the timer is simply gone
            }
            return alerts.raise(c, new NewAlert(elder, AlertKind.MISSED_CHECK_IN, null, "check-in:" + elder + ":" + t.dueAt(),
                            t.dueAt(), null, "no check-in by " + deadline + " local time", false), now, after)
                    .flatMap(a -> timers.set(c, TimerKind.CHECK_IN_DEADLINE, elder, schedule.nextDeadlineAfter(deadline, now), null, null));
        });
    }

    private int tier(Timer t) {
        try {
            return json.readTree(t.payload()).path("tier").asInt(2);
        } catch (Exception e) {
            return 2;
        }
    }

    private PlatformEvent event(Timer t) {
        try {
            return json.readValue(t.payload(), PlatformEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException("timer " + t.id() + " has an unreadable payload", e);
        }
    }
}
