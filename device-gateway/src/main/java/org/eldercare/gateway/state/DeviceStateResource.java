package org.eldercare.gateway.state;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.util.Arrays;
import java.util.List;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device state")
public class DeviceStateResource {

    private static final int MAX_IDS = 500;

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
    @Path("/devices/state")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "State of several watches at once (ids comma-separated, at most 500); watches never seen are left out")
    public Uni<List<DeviceState>> many(@QueryParam("ids") String ids) {
        List<String> list = ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
        if (list.isEmpty()) {
            throw ProblemException.badRequest("ids: give one or more device ids, comma-separated");
        }
        if (list.size() > MAX_IDS) {
            throw ProblemException.badRequest("ids: at most " + MAX_IDS + " device ids per call, got " + list.size());
        }
        return store.many(list);
    }

    @GET
    @Path("/elders/{elderId}/devices/state")
    @RolesAllowed({Roles.DEVICE_ADMIN, Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "State of the watches bound to an elder")
    public Uni<List<DeviceState>> elder(@PathParam("elderId") String elderId) {
        return store.byElder(elderId);
    }
}
