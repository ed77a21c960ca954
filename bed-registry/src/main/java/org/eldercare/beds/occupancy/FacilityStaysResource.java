package org.eldercare.beds.occupancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/facilities/{facilityId}/stays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "occupancy")
public class FacilityStaysResource {

    private final StayService stays;
    private final SecurityIdentity identity;

    public FacilityStaysResource(StayService stays, SecurityIdentity identity) {
        this.stays = stays;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A facility's stays; open=true for current occupants only")
    public Uni<List<Stay>> list(@PathParam("facilityId") UUID facilityId, @QueryParam("open") boolean open) {
        return stays.ofFacility(facilityId, open, Caller.of(identity));
    }
}
