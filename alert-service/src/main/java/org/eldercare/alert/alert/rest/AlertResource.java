package org.eldercare.alert.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.Sql;
import org.eldercare.alert.alert.Alert;
import org.eldercare.alert.alert.AlertAction;
import org.eldercare.alert.alert.AlertNotFoundException;
import org.eldercare.alert.alert.AlertService;
import org.eldercare.alert.alert.AlertStore;
import org.eldercare.alert.alert.IllegalTransitionException;
import org.eldercare.alert.notification.NotificationStore;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
public class AlertResource {

    private final Pool pool;
    private final AlertStore store;
    private final AlertService service;
    private final NotificationStore notifications;
    private final AlertStatistics statistics;
    private final SecurityIdentity identity;

    public AlertResource(Pool pool, AlertStore store, AlertService service, NotificationStore notifications,
                         AlertStatistics statistics, SecurityIdentity identity) {
        this.pool = pool;
        this.store = store;
        this.service = service;
        this.notifications = notifications;
        this.statistics = statistics;
        this.identity = identity;
    }

    public record TransitionRequest(String note) {
    }

    public record AlertDetail(Alert alert, List<AlertStore.TimelineEntry> timeline,
                              List<NotificationStore.NotificationView> notifications,
                              List<NotificationStore.AttemptView> deliveryAttempts) {
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR, Roles.FAMILY})
    @Operation(summary = "Alerts the caller may see, newest first: open ones by default; filter by area (street), station, visitor or elder")
    public Uni<List<Alert>> list(@QueryParam("open") @DefaultValue("true") boolean open, @QueryParam("areaCode") String areaCode,
                                 @QueryParam("stationId") String stationId, @QueryParam("visitorId") String visitorId,
                                 @QueryParam("elderId") String elderId, @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit must be between 1 and 1000");
        }
        Caller caller = Caller.of(identity);
        StringBuilder sql = new StringBuilder("select a.* from alerts a where true");
        Tuple t = Tuple.tuple();
        if (open) {
            sql.append(" and a.state in ('REPORTED','DISPATCHED','ACCEPTED','ARRIVED')");
        }
        if (areaCode != null) {
            t.addString(areaCode);
            // An area code covers its sub-areas (street > community): prefix match.
            sql.append(" and a.area_code like $").append(t.size()).append(" || '%'");
        }
        if (stationId != null) {
            t.addString(stationId);
            sql.append(" and a.station_id = $").append(t.size());
        }
        if (elderId != null) {
            t.addString(elderId);
            sql.append(" and a.elder_id = $").append(t.size());
        }
        if (visitorId != null) {
            t.addString(visitorId);
            sql.append(" and exists (select 1 from notifications n where n.alert_id = a.id and n.user_id = $").append(t.size()).append(")");
        }
        // What the caller may see at all, by role (bureau: everything).
        if (!caller.is(Roles.BUREAU)) {
            StringBuilder any = new StringBuilder(" and (false");
            if (caller.is(Roles.OPERATOR) && caller.stationId() != null) {
                t.addString(caller.stationId());
                any.append(" or a.station_id = $").append(t.size());
            }
            if (caller.is(Roles.VISITOR) || caller.is(Roles.FAMILY)) {
                t.addString(caller.subject());
                int p = t.size();
                if (caller.is(Roles.VISITOR)) {
                    any.append(" or exists (select 1 from notifications n where n.alert_id = a.id and n.user_id = $").append(p).append(")");
                }
                if (caller.is(Roles.FAMILY)) {
                    any.append(" or exists (select 1 from elder_contacts ec where ec.elder_id = a.elder_id and ec.user_id = $").append(p).append(")");
                }
            }
            sql.append(any).append(")");
        }
        t.addInteger(limit);
        sql.append(" order by a.opened_at desc limit $").append(t.size());
        return pool.preparedQuery(sql.toString()).execute(t).map(AlertStore::all);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR, Roles.FAMILY})
    @Operation(summary = "One alert with its full timeline, its notifications and every delivery attempt")
    public Uni<AlertDetail> get(@PathParam("id") String id) {
        UUID alertId = parse(id);
        Caller caller = Caller.of(identity);
        return pool.withConnection(c -> store.find(c, alertId).flatMap(a -> {
            if (a == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no alert " + id));
            }
            return access(c, a, caller).flatMap(rel -> {
                if (rel.isEmpty()) {
                    return Uni.createFrom().failure(ProblemException.notFound("no alert " + id));
                }
                return store.timelineOf(c, alertId).flatMap(tl -> notifications.ofAlert(c, alertId)
                        .flatMap(ns -> notifications.attemptsOf(c, alertId).map(at -> new AlertDetail(a, tl, ns, at))));
            });
        }));
    }

    @POST
    @Path("/{id}/{action}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR, Roles.FAMILY})
    @Operation(summary = "Moves the alert on: accept, arrive, resolve (note required), verify, close, cancel (reason required as note)")
    public Uni<Alert> act(@PathParam("id") String id, @PathParam("action") String actionName, TransitionRequest body) {
        UUID alertId = parse(id);
        AlertAction action = switch (actionName) {
            case "accept" -> AlertAction.ACCEPT;
            case "arrive" -> AlertAction.ARRIVE;
            case "resolve" -> AlertAction.RESOLVE;
            case "verify" -> AlertAction.VERIFY;
            case "close" -> AlertAction.CLOSE;
            case "cancel" -> AlertAction.CANCEL;
            default -> throw ProblemException.notFound("no action '" + actionName + "': accept, arrive, resolve, verify, close or cancel");
        };
        String note = body == null ? null : body.note();
        if ((action == AlertAction.RESOLVE || action == AlertAction.CANCEL) && (note == null || note.isBlank())) {
            throw ProblemException.badRequest(action == AlertAction.RESOLVE ? "a resolution note is required" : "a cancel reason is required");
        }
        Caller caller = Caller.of(identity);
        Instant now = Instant.now();
        return service.<Alert>inTransaction((SqlClient c, AfterCommit after) -> store.find(c, alertId).flatMap(a -> {
                    if (a == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("no alert " + id));
                    }
                    return access(c, a, caller).flatMap(rel -> {
                        if (rel.isEmpty()) {
                            return Uni.createFrom().failure(ProblemException.notFound("no alert " + id));
                        }
                        if (!allowed(action, rel)) {
                            return Uni.createFrom().failure(ProblemException.forbidden(
                                    "your role may not " + actionName + " this alert"));
                        }
                        return service.act(c, alertId, action, caller.subject(), note, now);
                    });
                }))
                .onFailure(IllegalTransitionException.class).transform(e -> ProblemException.conflict(e.getMessage()))
                .onFailure(AlertNotFoundException.class).transform(e -> ProblemException.notFound(e.getMessage()));
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Per street (area code) and period: counts by kind, close rate, time to accept and to arrive (median, p90)")
    public Uni<List<AlertStatistics.StreetStatistics>> statistics(@QueryParam("from") String from, @QueryParam("to") String to,
                                                                  @QueryParam("areaCode") String areaCode,
                                                                  @QueryParam("streetDigits") @DefaultValue("9") int streetDigits) {
        Instant f = instant(from, "from");
        Instant t = instant(to, "to");
        if (f == null || t == null || !f.isBefore(t)) {
            throw ProblemException.badRequest("from and to (ISO-8601 instants, from before to) are required");
        }
        Caller caller = Caller.of(identity);
        String station = caller.is(Roles.BUREAU) ? null : caller.stationId();
        if (!caller.is(Roles.BUREAU) && station == null) {
            throw ProblemException.forbidden("an operator token must carry station_id");
        }
        return statistics.compute(f, t, areaCode, station, streetDigits);
    }

    /** How the caller relates to the alert: BUREAU, STATION, DISPATCHED, FAMILY (empty: none). */
    private Uni<Set<String>> access(SqlClient c, Alert a, Caller caller) {
        if (caller.is(Roles.BUREAU)) {
            return Uni.createFrom().item(Set.of("BUREAU"));
        }
        if (caller.is(Roles.OPERATOR) && caller.stationId() != null && caller.stationId().equals(a.stationId())) {
            return Uni.createFrom().item(Set.of("STATION"));
        }
        return c.preparedQuery("""
                        select exists (select 1 from notifications where alert_id = $1 and user_id = $2) as dispatched,
                               exists (select 1 from elder_contacts where elder_id = $3 and user_id = $2) as family
                        """)
                .execute(Tuple.of(a.id(), caller.subject(), a.elderId()))
                .map(rows -> {
                    var r = rows.iterator().next();
                    if (caller.is(Roles.VISITOR) && r.getBoolean("dispatched")) {
                        return Set.of("DISPATCHED");
                    }
                    if (caller.is(Roles.FAMILY) && r.getBoolean("family")) {
                        return Set.of("FAMILY");
                    }
                    return Set.of();
                });
    }

    private static boolean allowed(AlertAction action, Set<String> rel) {
        if (rel.contains("BUREAU") || rel.contains("STATION")) {
            return true;
        }
        return switch (action) {
            case ACCEPT, ARRIVE, RESOLVE -> rel.contains("DISPATCHED") || rel.contains("FAMILY");
            case CANCEL -> rel.contains("DISPATCHED");
            default -> false; // verification and closing are the station's and the bureau's
        };
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no alert " + id);
        }
    }

    private static Instant instant(String s, String name) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

}
