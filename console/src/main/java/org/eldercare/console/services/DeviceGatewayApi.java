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

/** device-gateway's device and quarantine API (docs/services/device-gateway.md). */
@RegisterRestClient(configKey = "device-gateway")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DeviceGatewayApi {

    /** A page of devices: {@code {items, page, size}}. */
    @GET
    @Path("/devices")
    Map<String, Object> devices(@HeaderParam("Authorization") String auth, @QueryParam("elderId") String elderId,
                                @QueryParam("page") int page,
                                @QueryParam("size") int size);

    /** The state of the listed watches (comma-separated ids, at most 500); watches never seen are left out. */
    @GET
    @Path("/devices/state")
    List<Map<String, Object>> states(@HeaderParam("Authorization") String auth, @QueryParam("ids") String ids);

    /** Provisions a watch; the answer carries the secret, shown only this once. */
    @POST
    @Path("/devices")
    Map<String, Object> provision(@HeaderParam("Authorization") String auth, Map<String, Object> device);

    @GET
    @Path("/quarantine/summary")
    List<Map<String, Object>> rejectSummary(@HeaderParam("Authorization") String auth);

    /** One watch's rejected messages counted per reason. */
    @GET
    @Path("/devices/{id}/rejects")
    List<Map<String, Object>> deviceRejectSummary(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("/quarantine")
    Map<String, Object> rejects(@HeaderParam("Authorization") String auth, @QueryParam("deviceId") String deviceId,
                                @QueryParam("reason") String reason, @QueryParam("size") int size);
}
