package org.eldercare.visits.visit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.visits.idempotency.Idempotency;
import org.eldercare.web.Caller;
import org.eldercare.web.Problem;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The mobile visit API. Writes are idempotent by clientId: a replay of the same content answers the
 * stored status and body; the same clientId with other content answers 409 with both versions
 * (problem context 'stored' and 'received'). Edits on an out-of-date version answer 409 with the
 * current visit in problem context 'current'.
 */
@Path("/api")
@Tag(name = "Mobile visit API", description = "For the patrol-visit app; offline first")
@SecurityRequirement(name = "jwt")
public class VisitResource {

    private final VisitService visits;
    private final TodayService today;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public VisitResource(VisitService visits, TodayService today, SecurityIdentity identity, ObjectMapper json) {
        this.visits = visits;
        this.today = today;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/mobile/today")
    @RolesAllowed(Roles.VISITOR)
    @Operation(summary = "My elders today, in visiting order",
            description = "Elders assigned to me with a visit due in the current period or overdue, plus elders of alerts dispatched to me; "
                    + "ordered by priority (dispatched, overdue, high risk, others) and inside each by a walking route from my position.")
    public Uni<List<VisitApi.TodayItem>> today(@QueryParam("lat") Double lat, @QueryParam("lon") Double lon) {
        if ((lat == null) != (lon == null) || lat != null && (Math.abs(lat) > 90 || Math.abs(lon) > 180)) {
            throw ProblemException.badRequest("lat/lon: give both, as WGS-84 degrees, or neither.");
        }
        return today.today(Caller.of(identity), lat, lon);
    }

    @POST
    @Path("/visits")
    @RolesAllowed(Roles.VISITOR)
    @Operation(summary = "Start a visit", description = "A start far from the elder's home is accepted and flagged (farFromHome).")
    @APIResponse(responseCode = "201", description = "started (also the answer to a replay)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.VisitView.class)))
    @APIResponse(responseCode = "409", description = "clientId reused with other content, or the visit id already started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@NotNull @Valid VisitApi.StartVisit request) {
        Caller caller = Caller.of(identity);
        return onceMore(() -> visits.start(caller, request)).map(VisitResource::respond);
    }

    @POST
    @Path("/visits/{visitId}/record")
    @RolesAllowed({Roles.VISITOR, Roles.OPERATOR, Roles.BUREAU})
    @Operation(summary = "Record or amend what the visit found", description = "baseVersion must be the visit's current version, else 409 with the current record.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.VisitView.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> record(@PathParam("visitId") String visitId, @NotNull @Valid VisitApi.RecordVisit request) {
        Caller caller = Caller.of(identity);
        return onceMore(() -> visits.record(caller, visitId, request)).map(VisitResource::respond);
    }

    @POST
    @Path("/visits/{visitId}/complete")
    @RolesAllowed(Roles.VISITOR)
    @Operation(summary = "Complete a visit", description = "Counts as the elder's check-in (VISIT_COMPLETED is published) and fulfils the plan item of the period.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.VisitView.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> complete(@PathParam("visitId") String visitId, @NotNull @Valid VisitApi.CompleteVisit request) {
        Caller caller = Caller.of(identity);
        return onceMore(() -> visits.complete(caller, visitId, request)).map(VisitResource::respond);
    }

    @GET
    @Path("/visits/{visitId}")
    @RolesAllowed({Roles.VISITOR, Roles.OPERATOR, Roles.BUREAU, Roles.FAMILY})
    @Operation(summary = "One visit, if its elder is in your care")
    public Uni<VisitApi.VisitView> get(@PathParam("visitId") String visitId) {
        return visits.get(Caller.of(identity), visitId);
    }

    @GET
    @Path("/visits")
    @RolesAllowed({Roles.VISITOR, Roles.OPERATOR, Roles.BUREAU, Roles.FAMILY})
    @Operation(summary = "An elder's visits, newest first")
    public Uni<List<VisitApi.VisitView>> ofElder(@QueryParam("elderId") @jakarta.validation.constraints.NotBlank String elderId,
                                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return visits.ofElder(Caller.of(identity), elderId, limit);
    }

    @POST
    @Path("/mobile/sync")
    @RolesAllowed(Roles.VISITOR)
    @Operation(summary = "Upload writes queued while offline",
            description = "Applied in the order of their client times (startedAt / recordedAt / completedAt), whatever order they arrive in; "
                    + "each succeeds or fails on its own and its result is reported at its index. Every operation is idempotent by its clientId, "
                    + "so a batch may be resent whole after a lost answer.")
    public Uni<VisitApi.SyncResponse> sync(@NotNull @Valid VisitApi.SyncRequest request) {
        Caller caller = Caller.of(identity);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < request.operations().size(); i++) {
            check(request.operations().get(i));
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> clientTime(request.operations().get(i)))
                .thenComparing(i -> request.operations().get(i).op()));
        VisitApi.SyncResult[] results = new VisitApi.SyncResult[order.size()];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i : order) {
            VisitApi.SyncOperation op = request.operations().get(i);
            chain = chain.chain(() -> apply(caller, op)
                    .map(o -> new VisitApi.SyncResult(i, op.op(), clientId(op), o.status(), o.body(), null))
                    .onFailure(ProblemException.class).recoverWithItem(e -> {
                        ProblemException p = (ProblemException) e;
                        JsonNode problem = json.valueToTree(new Problem("about:blank", p.title(), p.status(), p.getMessage(),
                                null, null, p.context()));
                        return new VisitApi.SyncResult(i, op.op(), clientId(op), p.status(), null, problem);
                    })
                    .invoke(r -> results[i] = r)
                    .replaceWithVoid());
        }
        return chain.map(x -> new VisitApi.SyncResponse(List.of(results)));
    }

    private Uni<Idempotency.Outcome> apply(Caller caller, VisitApi.SyncOperation op) {
        try {
            return onceMore(() -> switch (op.op()) {
                case START -> visits.start(caller, op.start());
                case RECORD -> visits.record(caller, op.visitId(), op.record());
                case COMPLETE -> visits.complete(caller, op.visitId(), op.complete());
            });
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static java.time.Instant clientTime(VisitApi.SyncOperation op) {
        return switch (op.op()) {
            case START -> op.start().startedAt();
            case RECORD -> op.record().recordedAt();
            case COMPLETE -> op.complete().completedAt();
        };
    }

    private static void check(VisitApi.SyncOperation op) {
        boolean ok = switch (op.op()) {
            case START -> op.start() != null && op.record() == null && op.complete() == null;
            case RECORD -> op.record() != null && op.start() == null && op.complete() == null && op.visitId() != null;
            case COMPLETE -> op.complete() != null && op.start() == null && op.record() == null && op.visitId() != null;
        };
        if (!ok) {
            throw ProblemException.badRequest("operations: each " + op.op() + " needs exactly its own body"
                    + (op.op() == VisitApi.Op.START ? "" : " and a visitId") + ".");
        }
    }

    private static String clientId(VisitApi.SyncOperation op) {
        return switch (op.op()) {
            case START -> op.start().clientId();
            case RECORD -> op.record().clientId();
            case COMPLETE -> op.complete().clientId();
        };
    }

    /**
     * Two first writes with the same clientId (or two starts of one visit) racing each other: the
     * loser's insert breaks a primary key. Run once more in a fresh transaction, which now finds the
     * winner's write and answers the replay or the conflict.
     */
    private static Uni<Idempotency.Outcome> onceMore(java.util.function.Supplier<Uni<Idempotency.Outcome>> write) {
        return Uni.createFrom().<Idempotency.Outcome>deferred(write::get).onFailure(VisitResource::duplicateKey).retry().atMost(1);
    }

    static boolean duplicateKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                    || c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static Response respond(Idempotency.Outcome o) {
        return Response.status(o.status()).type(MediaType.APPLICATION_JSON).entity(o.body()).build();
    }
}
