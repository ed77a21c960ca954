package org.eldercare.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** visit-service's elders and stations (docs/services/visit-service.md), called with the user's token. */
@RegisterRestClient(configKey = "visit-service")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface VisitServiceApi {

    @GET
    @Path("/elders/{id}")
    Map<String, Object> elder(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    /** Elders the caller may see, keyset-paged by id. */
    @GET
    @Path("/elders")
    List<Map<String, Object>> elders(@HeaderParam("Authorization") String auth, @QueryParam("stationId") String stationId,
                                     @QueryParam("after") String after, @QueryParam("limit") int limit);

    /** Stations with their area and duty roster: {@code stationId}, {@code name}. */
    @GET
    @Path("/stations")
    List<Map<String, Object>> stations(@HeaderParam("Authorization") String auth);
}
