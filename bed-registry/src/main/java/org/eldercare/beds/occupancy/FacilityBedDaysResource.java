package org.eldercare.beds.occupancy;

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
import org.eldercare.web.Roles;

import java.util.UUID;

@Path("/api/facilities/{facilityId}/bed-days")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bed-days")
public class FacilityBedDaysResource {

    private final BedDaysService bedDays;

    public FacilityBedDaysResource(BedDaysService bedDays) {
        this.bedDays = bedDays;
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.BUREAU})
    @Operation(summary = "One facility's bed-days in a month")
    public Uni<FacilityBedDays> ofFacility(@PathParam("facilityId") UUID facilityId, @QueryParam("month") String month) {
        return bedDays.ofFacility(facilityId, BedDaysResource.month(month));
    }

}
