package org.eldercare.beds.occupancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.beds.bed.Bed;
import org.eldercare.beds.bed.BedService;
import org.eldercare.beds.bed.BedStatus;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One bed: its status, admissions to it, its discharge and its occupancy history. */
@Path("/api/beds/{bedId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "occupancy", description = "Admissions and discharges; a bed holds one elder at a time")
public class BedOccupancyResource {

    /** Admission now (admittedAt omitted), at a past time, or a whole past stay (dischargedAt given). */
    public record Admission(@NotBlank @Size(max = 64) String elderId, Instant admittedAt, Instant dischargedAt) {
    }

    public record Discharge(Instant dischargedAt) {
    }

    public record StatusChange(@NotNull BedStatus status, LocalDate effectiveOn) {
    }

    private final StayService stays;
    private final BedService beds;
    private final SecurityIdentity identity;

    public BedOccupancyResource(StayService stays, BedService beds, SecurityIdentity identity) {
        this.stays = stays;
        this.beds = beds;
        this.identity = identity;
    }

    @POST
    @Path("/stays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Admit an elder to the bed (409 if the bed or the elder is taken during that time)")
    public Uni<Response> admit(@PathParam("bedId") UUID bedId, @Valid @NotNull Admission in) {
        return stays.admit(bedId, in.elderId().trim(), in.admittedAt(), in.dischargedAt(), Caller.of(identity))
                .map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @Path("/stays")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "The bed's occupancy history")
    public Uni<List<Stay>> history(@PathParam("bedId") UUID bedId) {
        return stays.ofBed(bedId, Caller.of(identity));
    }

    @POST
    @Path("/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Discharge whoever occupies the bed (dischargedAt defaults to now)")
    public Uni<Stay> discharge(@PathParam("bedId") UUID bedId, Discharge in) {
        return stays.dischargeBed(bedId, in == null ? null : in.dischargedAt(), Caller.of(identity));
    }

    @PUT
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Suspend, resume or decommission the bed")
    public Uni<Bed> setStatus(@PathParam("bedId") UUID bedId, @Valid @NotNull StatusChange in) {
        return beds.setStatus(bedId, in.status(), in.effectiveOn());
    }
}
