package org.eldercare.beds.occupancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.util.UUID;

@Path("/api/stays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "occupancy")
public class StayResource {

    private final StayService stays;
    private final SecurityIdentity identity;

    public StayResource(StayService stays, SecurityIdentity identity) {
        this.stays = stays;
        this.identity = identity;
    }

    @POST
    @Path("/{stayId}/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Discharge a stay (dischargedAt defaults to now); 409 if already discharged")
    public Uni<Stay> discharge(@PathParam("stayId") UUID stayId, BedOccupancyResource.Discharge in) {
        return stays.discharge(stayId, in == null ? null : in.dischargedAt(), Caller.of(identity));
    }
}
