package org.eldercare.alert.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.alert.Alert;
import org.eldercare.alert.alert.AlertAction;
import org.eldercare.alert.alert.AlertState;
import org.eldercare.alert.alert.AlertStore;
import org.eldercare.alert.carecircle.CareCircleStore;
import org.eldercare.alert.notification.NotificationStore;
import org.eldercare.alert.timer.TimerKind;
import org.eldercare.alert.timer.TimerStore;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Tells the people of a tier about an alert, and arms the timer for the next tier. Runs inside the
 * caller's transaction: notifications are rows first, sent after commit.
 */
@ApplicationScoped
public class Escalation {

    /** Role recorded for an app notice to whoever accepted an alert without having been notified of it. */
    private static final String ACCEPTER = "ACCEPTER";

    private final AlertStore alerts;
    private final NotificationStore notifications;
    private final TimerStore timers;
    private final CareCircleStore circles;
    private final EscalationPolicy policy;
    private final AlertSettings settings;
    private final ObjectMapper json;

    public Escalation(AlertStore alerts, NotificationStore notifications, TimerStore timers, CareCircleStore circles,
                      AlertSettings settings, ObjectMapper json) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.timers = timers;
        this.circles = circles;
        this.settings = settings;
        this.json = json;
        AlertSettings.Escalation e = settings.escalation();
        this.policy = new EscalationPolicy(e.tier1Delay(), e.tier2Delay(), e.nearestVisitors(), e.nearbyRadiusMeters(),
                e.locationFreshness(), e.exhaustedUpToTier());
    }

    /** Dispatches {@code alert} to {@code tier} (1..3). */
    public Uni<Alert> dispatch(SqlClient c, Alert alert, int tier, String why, Instant now, AfterCommit after) {
        int max = policy.lastTier(alert.severity());
        if (tier > max) {
            return alerts.timeline(c, alert.id(), "ESCALATION_EXHAUSTED", null, null, "system",
                    "no tier beyond " + max + " for severity " + alert.severity()).replaceWith(alert);
        }
        String reason = EscalationPolicy.beyondUsual(tier, alert.severity())
                ? why + "; tier " + EscalationPolicy.usualLastTier(alert.severity()) + " is the usual last for " + alert.severity()
                + ", escalating until someone takes charge"
                : why;
        return circles.get(c, alert.elderId()).flatMap(circle -> recipients(c, alert, tier, circle, now)
                .flatMap(recipients -> {
                    Uni<Alert> state = alert.state() == AlertState.REPORTED
                            ? alerts.transition(c, alert, AlertAction.DISPATCH, "system", "tier " + tier, now)
                            : Uni.createFrom().item(alert);
                    return state.call(a -> alerts.setTier(c, a.id(), tier))
                            .call(a -> alerts.timeline(c, a.id(), "ESCALATED", null, null, "system",
                                    "tier " + tier + " (" + reason + "): " + recipients.stream()
                                            .map(r -> r.role() + " " + r.channel() + " " + r.address()).collect(Collectors.joining(", "))))
                            .call(a -> insertAll(c, a, tier, recipients, circle, now, after))
                            .call(a -> {
                                Duration next = policy.delayAfter(tier, a.severity());
                                if (next == null) {
                                    return Uni.createFrom().voidItem();
                                }
                                // A tier that reached nobody hands over at once.
                                boolean reachedSomeone = recipients.stream().anyMatch(r -> r.userId() != null || !Recipient.APP.equals(r.channel()));
                                Instant due = reachedSomeone ? now.plus(next) : now;
                                return timers.set(c, TimerKind.ESCALATE, a.id().toString(), due, a.id(),
                                        "{\"tier\":" + (tier + 1) + "}");
                            })
                            .call(a -> grants(circle, a, recipients, after));
                }));
    }

    /**
     * The alert was cancelled because its condition cleared by itself: everyone it was sent to (app,
     * text message, emergency channel) hears so, with nothing to answer, through the same delivery.
     */
    public Uni<Void> announceCleared(SqlClient c, Alert a, String what, Instant now, AfterCommit after) {
        return notifications.addresseesOf(c, a.id()).flatMap(addressees -> circles.get(c, a.elderId()).flatMap(circle -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (NotificationStore.Addressee to : addressees) {
                chain = chain.call(() -> inform(c, a, circle, to, what + "; alert cancelled, nobody needs to go", now, after));
            }
            return chain;
        }));
    }

    /** The condition of an alert someone has taken on cleared by itself: they are told, it stays theirs. */
    public Uni<Void> tellAccepter(SqlClient c, Alert a, String what, Instant now, AfterCommit after) {
        if (a.acceptedBy() == null) {
            return Uni.createFrom().voidItem();
        }
        return notifications.addresseesOf(c, a.id()).flatMap(addressees -> circles.get(c, a.elderId()).flatMap(circle -> {
            // Their app, under the role they were told in (an operator may have taken it on at the console, untold).
            String role = addressees.stream().filter(to -> a.acceptedBy().equals(to.userId()) && Recipient.APP.equals(to.channel()))
                    .map(NotificationStore.Addressee::role).findFirst().orElse(ACCEPTER);
            return inform(c, a, circle, new NotificationStore.Addressee(role, Recipient.APP, a.acceptedBy(), a.acceptedBy()),
                    what + "; the alert stays with you until you resolve it", now, after);
        }));
    }

    private Uni<Void> inform(SqlClient c, Alert a, CareCircle circle, NotificationStore.Addressee to, String detail, Instant now,
                             AfterCommit after) {
        UUID id = UUID.randomUUID();
        String payload = payload(id, a, circle, "Cleared: " + title(a), detail, null, now);
        return notifications.insert(c, id, a.id(), a.tier(), to.role(), to.channel(), to.address(), to.userId(), payload,
                now.plus(settings.delivery().lease()), NotificationStore.CLEARED).invoke(() -> after.send(id));
    }

    private Uni<List<Recipient>> recipients(SqlClient c, Alert alert, int tier, CareCircle circle, Instant now) {
        if (tier == 1) {
            return Uni.createFrom().item(policy.tier1(circle));
        }
        if (tier == 2) {
            GeoPoint where = alert.lat() != null ? new GeoPoint(alert.lat(), alert.lon(), null) : EscalationPolicy.whereToGo(null, circle);
            Uni<List<EscalationPolicy.VisitorPosition>> near = where == null ? Uni.createFrom().item(List.of())
                    : circles.onDutyNear(c, where, settings.escalation().nearbyRadiusMeters(), now);
            return near.flatMap(positions -> notifications.notifiedUsers(c, alert.id())
                    .map(already -> policy.tier2(circle, where, positions, already)));
        }
        return Uni.createFrom().item(policy.tier3(settings.escalation().emergencyPhone().orElse(null)));
    }

    private Uni<Void> insertAll(SqlClient c, Alert a, int tier, List<Recipient> recipients, CareCircle circle, Instant now,
                                AfterCommit after) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant firstPoll = now.plus(settings.delivery().lease());
        for (Recipient r : recipients) {
            UUID id = UUID.randomUUID();
            String payload = payload(id, a, circle, r, now);
            chain = chain.call(() -> notifications.insert(c, id, a.id(), tier, r.role().name(), r.channel(), r.address(),
                    r.userId(), payload, firstPoll)).invoke(() -> after.send(id));
        }
        return chain;
    }

    private Uni<Void> grants(CareCircle circle, Alert a, List<Recipient> recipients, AfterCommit after) {
        Set<String> assigned = circle == null || circle.visitors() == null ? Set.of()
                : circle.visitors().stream().map(CareCircle.AssignedVisitor::visitorId).collect(Collectors.toSet());
        recipients.stream().filter(r -> r.role() == Recipient.Role.NEARBY_VISITOR && !assigned.contains(r.userId()))
                .forEach(r -> after.grant(new AfterCommit.Grant(a.elderId(), r.userId(), a.id())));
        return Uni.createFrom().voidItem();
    }

    private String payload(UUID id, Alert a, CareCircle circle, Recipient r, Instant now) {
        return payload(id, a, circle, title(a), a.detail(), r.actions().isEmpty() ? null : r.actions(), now);
    }

    private static String title(Alert a) {
        return switch (a.kind()) {
            case FALL -> a.pendingCancel() ? "Possible fall (wearer may still cancel)" : "Fall";
            case SOS -> "SOS";
            case MISSED_CHECK_IN -> "Missed daily check-in";
            case VITALS_HR_LOW -> "Heart rate low";
            case VITALS_HR_HIGH -> "Heart rate high";
            case VITALS_SPO2_LOW -> "Blood oxygen low";
            case LEFT_SAFE_ZONE -> "Left the safe zone";
            case DEVICE_OFFLINE -> "Watch offline";
            case WATCH_REMOVED -> "Watch taken off";
            case LOW_BATTERY -> "Watch battery low";
        };
    }

    private String payload(UUID id, Alert a, CareCircle circle, String title, String detail, List<String> actions, Instant now) {
        String who = circle == null || circle.name() == null ? a.elderId() : circle.name();
        String where = circle == null || circle.address() == null ? "" : " at " + circle.address();
        String body = who + where + (detail == null ? "" : ": " + detail);
        GeoPoint loc = a.lat() != null ? new GeoPoint(a.lat(), a.lon(), null) : circle == null ? null : circle.home();
        Notification n = new Notification(id.toString(), a.id().toString(), a.elderId(), a.kind().name(), a.severity().name(),
                now.toEpochMilli(), title, body, loc, actions);
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
