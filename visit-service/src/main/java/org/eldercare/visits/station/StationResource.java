package org.eldercare.visits.station;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.visits.access.ElderAccess;
import org.eldercare.visits.circle.CareCircles;
import org.eldercare.visits.elder.Elder;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.util.List;

/**
 * The small registry of station contacts the alert service needs to reach the station on duty.
 * A change reaches every circle of the station's elders as a new version.
 */
@Path("/api/stations")
@Tag(name = "Stations", description = "Contact details of the stations on duty")
@SecurityRequirement(name = "jwt")
public class StationResource {

    public record StationRequest(@NotBlank @Size(max = 200) String name, @Pattern(regexp = "\\d{6,12}") String areaCode,
                                 @NotNull List<@NotBlank String> dutyUserIds,
                                 @Pattern(regexp = "[0-9+\\-]{5,20}", message = "must be a phone number") String dutyPhone) {
    }

    public record StationView(String stationId, String name, String areaCode, List<String> dutyUserIds, String dutyPhone,
                              Instant updatedAt) {
        static StationView of(Station s) {
            return new StationView(s.stationId, s.name, s.areaCode, org.eldercare.visits.circle.CircleAssembler.split(s.dutyUserIds),
                    s.dutyPhone, s.updatedAt);
        }
    }

    private final SecurityIdentity identity;
    private final CareCircles circles;

    public StationResource(SecurityIdentity identity, CareCircles circles) {
        this.identity = identity;
        this.circles = circles;
    }

    @PUT
    @Path("/{stationId}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "Create or replace a station's contact record", description = "Bureau for any station, an operator for their own.")
    public Uni<StationView> put(@PathParam("stationId") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String stationId,
                                @NotNull @Valid StationRequest r) {
        Caller caller = Caller.of(identity);
        if (!ElderAccess.canManage(caller, stationId)) {
            throw ProblemException.forbidden("Operators may only edit their own station.");
        }
        return Station.<Station>findById(stationId).chain(found -> {
            Station s = found != null ? found : new Station();
            s.stationId = stationId;
            s.name = r.name();
            s.areaCode = r.areaCode();
            s.dutyUserIds = String.join(",", r.dutyUserIds());
            s.dutyPhone = r.dutyPhone();
            s.updatedAt = Instant.now();
            Uni<?> saved = found != null ? Uni.createFrom().item(s) : s.persist();
            return saved.chain(() -> Elder.<Elder>list("stationId", stationId))
                    .chain(es -> circles.changedAll(es, caller.subject(), "station contact updated"))
                    .replaceWith(StationView.of(s));
        });
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.SERVICE})
    @WithSession
    @Operation(summary = "All station contact records")
    public Uni<List<StationView>> list() {
        return Station.<Station>listAll().map(l -> l.stream().map(StationView::of).toList());
    }

    @GET
    @Path("/{stationId}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.SERVICE})
    @WithSession
    @Operation(summary = "One station's contact record")
    public Uni<StationView> get(@PathParam("stationId") String stationId) {
        return Station.<Station>findById(stationId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No station " + stationId + "."))
                .map(StationView::of);
    }
}
