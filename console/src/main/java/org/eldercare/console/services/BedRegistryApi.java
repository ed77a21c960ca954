package org.eldercare.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** bed-registry's coverage against the plan's targets (docs/services/bed-registry.md). */
@RegisterRestClient(configKey = "bed-registry")
@Path("/api/coverage")
@Produces(MediaType.APPLICATION_JSON)
public interface BedRegistryApi {

    /** {@code {date, plan, coverage}} with the area's parts under {@code coverage.children}. */
    @GET
    @Path("/{areaId}")
    Map<String, Object> coverage(@HeaderParam("Authorization") String auth, @PathParam("areaId") String areaId);

    /** The last 12 months, one point per month end. */
    @GET
    @Path("/{areaId}/trend")
    List<Map<String, Object>> trend(@HeaderParam("Authorization") String auth, @PathParam("areaId") String areaId);
}
