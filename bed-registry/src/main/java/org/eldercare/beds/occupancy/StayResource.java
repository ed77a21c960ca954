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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "occupancy", description = "Admissions and discharges; a bed holds one elder at a time")
public class StayResource {

    /** Admission now (admittedAt omitted), at a past time, or a whole past stay (dischargedAt given). */
    public record Admission(@NotBlank @Size(max = 64) String elderId, Instant admittedAt, Instant dischargedAt) {
    }

    public record Discharge(Instant dischargedAt) {
    }

    private final StayService stays;
    private final SecurityIdentity identity;

    public StayResource(StayService stays, SecurityIdentity identity) {
        this.stays = stays;
        this.identity = identity;
    }

    @POST
    @Path("/beds/{bedId}/stays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Admit an elder to a bed (409 if the bed or the elder is taken during that time)")
    public Uni<Response> admit(@PathParam("bedId") UUID bedId, @Valid @NotNull Admission in) {
        return stays.admit(bedId, in.elderId().trim(), in.admittedAt(), in.dischargedAt(), Caller.of(identity))
                .map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @Path("/beds/{bedId}/stays")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A bed's occupancy history")
    public Uni<List<Stay>> ofBed(@PathParam("bedId") UUID bedId) {
        return stays.ofBed(bedId, Caller.of(identity));
    }

    @POST
    @Path("/beds/{bedId}/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Discharge whoever occupies the bed (dischargedAt defaults to now)")
    public Uni<Stay> dischargeBed(@PathParam("bedId") UUID bedId, Discharge in) {
        return stays.dischargeBed(bedId, in == null ? null : in.dischargedAt(), Caller.of(identity));
    }

    @POST
    @Path("/stays/{stayId}/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Discharge a stay (dischargedAt defaults to now)")
    public Uni<Stay> discharge(@PathParam("stayId") UUID stayId, Discharge in) {
        return stays.discharge(stayId, in == null ? null : in.dischargedAt(), Caller.of(identity));
    }

    @GET
    @Path("/facilities/{facilityId}/stays")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A facility's stays; open=true for current occupants only")
    public Uni<List<Stay>> ofFacility(@PathParam("facilityId") UUID facilityId, @QueryParam("open") boolean open) {
        return stays.ofFacility(facilityId, open, Caller.of(identity));
    }
}
