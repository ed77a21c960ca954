package org.eldercare.alert.carecircle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.detection.CheckInSchedule;
import org.eldercare.alert.escalation.VisitServiceClient;
import org.eldercare.alert.event.EventHandler;
import org.eldercare.alert.timer.TimerKind;
import org.eldercare.alert.timer.TimerStore;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.VisitorProfile;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Keeps the copy of care circles current: snapshots from MQTT as they change, and a walk over
 * visit-service's snapshot API at start-up and periodically to repair anything missed. Each stored
 * circle also (re)arms the elder's check-in deadline.
 */
@ApplicationScoped
public class CareCircleSync {

    private static final Logger LOG = Logger.getLogger(CareCircleSync.class);
    private static final int PAGE = 500;

    private final Pool pool;
    private final CareCircleStore store;
    private final TimerStore timers;
    private final EventHandler events;
    private final VisitServiceClient visitService;
    private final ObjectMapper json;
    private final CheckInSchedule schedule;
    private final Duration firstCheckInGrace;
    /** Payload of a check-in deadline armed at enrolment, before any check-in or firing. */
    static final String ARMED_AT_ENROLMENT = "{\"armed\": \"enrolment\"}";

    public CareCircleSync(Pool pool, CareCircleStore store, TimerStore timers, EventHandler events,
                          VisitServiceClient visitService, ObjectMapper json, AlertSettings settings) {
        this.pool = pool;
        this.store = store;
        this.timers = timers;
        this.events = events;
        this.visitService = visitService;
        this.json = json;
        this.schedule = new CheckInSchedule(ZoneId.of(settings.zone()));
        this.firstCheckInGrace = settings.detect().firstCheckInGrace();
    }

    public Uni<Integer> warmUp() {
        return store.warmUp();
    }

    public Uni<Void> apply(CareCircle circle) {
        Instant now = Instant.now();
        return pool.withTransaction(c -> store.upsert(c, circle).flatMap(newer -> {
            if (!newer) {
                return Uni.createFrom().voidItem();
            }
            LocalTime deadline = events.deadlineOf(circle);
            if (deadline == null) {
                return timers.cancel(c, TimerKind.CHECK_IN_DEADLINE, circle.elderId()).replaceWithVoid();
            }
            // A new elder gets a first deadline no sooner than the grace after enrolment, marked as
            // such until a check-in or a firing re-arms it. While so marked, a changed deadline is
            // computed as at enrolment (circles change several times in an elder's first seconds);
            // afterwards a pending deadline keeps its day (the elder may already have checked in
            // today) and moves to the policy's new time of day, so that a change applies at once.
            return timers.pending(c, TimerKind.CHECK_IN_DEADLINE, circle.elderId()).flatMap(pending -> {
                if (pending == null || ARMED_AT_ENROLMENT.equals(pending.payload())) {
                    Instant first = schedule.firstDeadline(deadline, now, firstCheckInGrace);
                    return pending != null && first.equals(pending.dueAt()) ? Uni.createFrom().voidItem()
                            : timers.set(c, TimerKind.CHECK_IN_DEADLINE, circle.elderId(), first, null, ARMED_AT_ENROLMENT);
                }
                Instant moved = schedule.movedDeadline(pending.dueAt(), deadline, now);
                return moved.equals(pending.dueAt()) ? Uni.createFrom().voidItem()
                        : timers.set(c, TimerKind.CHECK_IN_DEADLINE, circle.elderId(), moved, null, null);
            });
        })).invoke(() -> store.remember(circle));
    }

    public Uni<Void> apply(VisitorProfile v) {
        return pool.withTransaction(c -> store.upsertVisitor(c, v)).replaceWithVoid();
    }

    @Scheduled(every = "${eldercare.visit-service.reconcile-every:15m}", delayed = "${eldercare.visit-service.reconcile-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        if (visitService.bearer().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return page(null, 0)
                .invoke(n -> LOG.infof("reconciled %d care circles with visit-service", n))
                .onFailure().invoke(e -> LOG.warnf("care-circle reconciliation with visit-service failed (alerting goes on with the stored copy): %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> page(String after, int seen) {
        String url = visitService.baseUrl() + "/api/care-circles?limit=" + PAGE
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return visitService.get(url).flatMap(body -> {
            List<CareCircle> circles;
            try {
                circles = json.readValue(body, new TypeReference<List<CareCircle>>() { });
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CareCircle c : circles) {
                chain = chain.call(() -> apply(c));
            }
            String last = circles.isEmpty() ? null : circles.get(circles.size() - 1).elderId();
            return chain.flatMap(x -> circles.size() < PAGE ? Uni.createFrom().item(seen + circles.size())
                    : page(last, seen + circles.size()));
        });
    }

}
