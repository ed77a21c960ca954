package org.eldercare.gateway.state;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Roles;

import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device state")
public class DeviceStateResource {

    private final DeviceStateStore store;

    public DeviceStateResource(DeviceStateStore store) {
        this.store = store;
    }

    @GET
    @Path("/devices/{id}/state")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "Last seen, online, battery, worn, position and firmware of a watch")
    public Uni<DeviceState> device(@PathParam("id") String id) {
        return store.get(id);
    }

    @GET
    @Path("/elders/{elderId}/devices/state")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "State of the watches bound to an elder")
    public Uni<List<DeviceState>> elder(@PathParam("elderId") String elderId) {
        return store.byElder(elderId);
    }
}
