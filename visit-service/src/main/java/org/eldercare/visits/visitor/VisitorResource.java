package org.eldercare.visits.visitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.contracts.Topics;
import org.eldercare.contracts.VisitorProfile;
import org.eldercare.visits.access.ElderAccess;
import org.eldercare.visits.circle.Assignment;
import org.eldercare.visits.circle.CareCircles;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.outbox.Outbox;
import org.eldercare.visits.station.Station;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Patrol visitors: staff and volunteers, their area and on-duty schedule. Every change publishes a
 * {@link VisitorProfile}, and a new circle version for each elder they are assigned to.
 */
@Path("/api/visitors")
@Tag(name = "Patrol visitors")
@SecurityRequirement(name = "jwt")
public class VisitorResource {

    public enum Kind { STAFF, VOLUNTEER }

    public record Shift(@NotNull DayOfWeek day,
                        @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:mm") String from,
                        @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d|24:00", message = "must be HH:mm") String to) {
    }

    public record VisitorRequest(@NotBlank @Size(max = 100) String name,
                                 @NotBlank @Pattern(regexp = "[0-9+\\-]{5,20}", message = "must be a phone number") String phone,
                                 @NotNull Kind kind,
                                 @NotBlank @Pattern(regexp = "\\d{6,12}", message = "must be a 6-12 digit area code") String areaCode,
                                 @NotBlank String stationId,
                                 @NotNull List<@Valid Shift> schedule,
                                 Boolean active,
                                 Long version) {
    }

    public record VisitorView(String id, String name, String phone, Kind kind, String areaCode, String stationId,
                              List<Shift> schedule, boolean active, long version) {
    }

    private static final TypeReference<List<Shift>> SHIFTS = new TypeReference<>() {
    };

    private final SecurityIdentity identity;
    private final Outbox outbox;
    private final CareCircles circles;
    private final ObjectMapper json;

    public VisitorResource(SecurityIdentity identity, Outbox outbox, CareCircles circles, ObjectMapper json) {
        this.identity = identity;
        this.outbox = outbox;
        this.circles = circles;
        this.json = json;
    }

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "Register a patrol visitor", description = "The id answered is the subject their tokens must carry and their app's MQTT username.")
    public Uni<Response> create(@NotNull @Valid VisitorRequest r) {
        Caller caller = Caller.of(identity);
        check(caller, r);
        return requireStation(r.stationId())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("select nextval('visitor_seq')", Long.class).getSingleResult()))
                .chain(seq -> {
                    PatrolVisitor v = new PatrolVisitor();
                    v.id = String.format("V%08d", seq);
                    v.version = 0;
                    v.updatedAt = Instant.now();
                    apply(v, r);
                    return v.persist().chain(() -> changed(v, caller))
                            .map(view -> Response.created(URI.create("/api/visitors/" + v.id)).entity(view).build());
                });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "Update a patrol visitor", description = "Send the version you read; 409 if it changed meanwhile.")
    public Uni<VisitorView> update(@PathParam("id") String id, @NotNull @Valid VisitorRequest r) {
        Caller caller = Caller.of(identity);
        check(caller, r);
        return find(id).chain(v -> {
            if (!ElderAccess.canManage(caller, v.stationId)) {
                throw ProblemException.forbidden("Visitor " + id + " belongs to another station.");
            }
            if (r.version() == null || r.version() != v.version) {
                throw ProblemException.conflict("Visitor " + id + " changed since you read it: current version " + v.version + ".",
                        Map.of("currentVersion", v.version));
            }
            return requireStation(r.stationId()).chain(() -> {
                apply(v, r);
                return changed(v, caller);
            });
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR})
    @WithSession
    @Operation(summary = "One patrol visitor", description = "A visitor may read only themself.")
    public Uni<VisitorView> get(@PathParam("id") String id) {
        Caller caller = Caller.of(identity);
        return find(id).map(v -> {
            boolean self = caller.is(Roles.VISITOR) && caller.subject().equals(v.id);
            if (!self && !ElderAccess.canManage(caller, v.stationId)) {
                throw ProblemException.forbidden("Visitor " + id + " is not yours to see.");
            }
            return view(v);
        });
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithSession
    @Operation(summary = "Patrol visitors (an operator sees their station's)")
    public Uni<List<VisitorView>> list(@QueryParam("after") @DefaultValue("") String after,
                                       @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(2000) int limit) {
        Caller caller = Caller.of(identity);
        Uni<List<PatrolVisitor>> vs = caller.is(Roles.BUREAU)
                ? PatrolVisitor.find("id > ?1 order by id", after).page(0, limit).list()
                : PatrolVisitor.find("id > ?1 and stationId = ?2 order by id", after, caller.stationId()).page(0, limit).list();
        return vs.map(l -> l.stream().map(this::view).toList());
    }

    @GET
    @Path("/profiles")
    @RolesAllowed({Roles.SERVICE, Roles.BUREAU})
    @WithSession
    @Operation(summary = "Snapshot of every visitor profile, for the alert service", description = "Active and inactive, ordered by id; keyset paging with 'after'. Fewer than 'limit' items = last page.")
    public Uni<List<VisitorProfile>> profiles(@QueryParam("after") @DefaultValue("") String after,
                                              @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(2000) int limit) {
        return PatrolVisitor.<PatrolVisitor>find("id > ?1 order by id", after).page(0, limit).list()
                .map(l -> l.stream().map(VisitorResource::profile).toList());
    }

    private static void check(Caller caller, VisitorRequest r) {
        if (!ElderAccess.canManage(caller, r.stationId())) {
            throw ProblemException.forbidden("Operators manage the visitors of their own station only.");
        }
        for (Shift s : r.schedule()) {
            if (s.from().compareTo(s.to()) >= 0) {
                throw ProblemException.badRequest("schedule: a shift on " + s.day() + " ends (" + s.to() + ") before it starts (" + s.from() + ").");
            }
        }
    }

    private Uni<VisitorView> changed(PatrolVisitor v, Caller caller) {
        v.version++;
        v.updatedAt = Instant.now();
        return outbox.add(Topics.visitor(v.id), profile(v))
                .chain(() -> Assignment.<Assignment>list("visitorId", v.id))
                .chain(as -> as.isEmpty() ? Uni.createFrom().item(List.<Elder>of())
                        : Elder.<Elder>list("id in ?1", as.stream().map(a -> a.elderId).toList()))
                .chain(es -> circles.changedAll(es, caller.subject(), "assigned visitor " + v.id + " updated"))
                .map(x -> view(v));
    }

    static VisitorProfile profile(PatrolVisitor v) {
        return new VisitorProfile(v.id, v.version, v.active, v.name, v.phone, v.areaCode, v.stationId);
    }

    private void apply(PatrolVisitor v, VisitorRequest r) {
        v.name = r.name().trim();
        v.phone = r.phone();
        v.kind = r.kind().name();
        v.areaCode = r.areaCode();
        v.stationId = r.stationId();
        v.active = r.active() == null || r.active();
        try {
            v.schedule = json.writeValueAsString(r.schedule());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private VisitorView view(PatrolVisitor v) {
        try {
            return new VisitorView(v.id, v.name, v.phone, Kind.valueOf(v.kind), v.areaCode, v.stationId,
                    json.readValue(v.schedule, SHIFTS), v.active, v.version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable schedule of visitor " + v.id, e);
        }
    }

    private static Uni<PatrolVisitor> find(String id) {
        return PatrolVisitor.<PatrolVisitor>findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No patrol visitor " + id + "."));
    }

    private static Uni<Station> requireStation(String stationId) {
        return Station.<Station>findById(stationId).onItem().ifNull()
                .failWith(() -> ProblemException.unprocessable("No station " + stationId + ": register it first."));
    }
}
