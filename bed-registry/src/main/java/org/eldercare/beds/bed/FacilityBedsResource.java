package org.eldercare.beds.bed;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/facilities/{facilityId}/beds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "beds", description = "Beds of a facility, nursing-type or general, and their status")
public class FacilityBedsResource {

    /** One bed labelled {@code label}, or {@code count} beds labelled label1..labelN. */
    public record NewBeds(@NotBlank @Size(max = 60) String label, @Min(1) @Max(2000) Integer count,
                          @NotNull BedType type, LocalDate inServiceFrom) {
    }

    private final BedService beds;
    private final SecurityIdentity identity;

    public FacilityBedsResource(BedService beds, SecurityIdentity identity) {
        this.beds = beds;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Register beds in a facility (inServiceFrom defaults to the facility's opening day)")
    public Uni<Response> add(@PathParam("facilityId") UUID facilityId, @Valid @NotNull NewBeds in) {
        return beds.add(facilityId, in.label().trim(), in.count() == null ? 1 : in.count(), in.type(), in.inServiceFrom())
                .map(list -> Response.status(201).entity(list).build());
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A facility's beds with their current occupant")
    public Uni<List<Bed>> list(@PathParam("facilityId") UUID facilityId) {
        return beds.list(facilityId, Caller.of(identity));
    }
}
