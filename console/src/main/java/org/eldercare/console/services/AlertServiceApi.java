package org.eldercare.console.services;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** alert-service's REST API (docs/services/alert-service.md), called with the user's token. */
@RegisterRestClient(configKey = "alert-service")
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AlertServiceApi {

    @GET
    List<Map<String, Object>> list(@HeaderParam("Authorization") String auth, @QueryParam("open") boolean open,
                                   @QueryParam("limit") int limit);

    /** The alert with its timeline, notifications and delivery attempts. */
    @GET
    @Path("/{id}")
    Map<String, Object> get(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("/{id}/{action}")
    Map<String, Object> act(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
                            @PathParam("action") String action, Map<String, Object> body);

    @GET
    @Path("/statistics")
    List<Map<String, Object>> statistics(@HeaderParam("Authorization") String auth, @QueryParam("from") String from,
                                         @QueryParam("to") String to, @QueryParam("streetDigits") Integer streetDigits);
}
