package org.eldercare.stationops.bedregistry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** bed-registry's bulk bed-days answer (docs/services/bed-registry.md); unknown fields are ignored. */
@RegisterRestClient(configKey = "bed-registry")
@Path("/api")
public interface BedRegistryClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MonthBedDays(String month, boolean complete, long daysCounted, List<FacilityBedDays> facilities) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FacilityBedDays(String facilityId, String facilityCode, String kind, String operatingStationId, String month,
                           long bedDays, List<ElderBedDays> elders) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ElderBedDays(String elderId, long bedDays) {
    }

    @GET
    @Path("/bed-days")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<MonthBedDays> bedDays(@QueryParam("month") String month, @QueryParam("stationId") String stationId,
                              @HeaderParam("Authorization") String authorization);
}
