package org.eldercare.stationops.station;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.station.StationDtos.StarRequest;
import org.eldercare.stationops.station.StationDtos.StationRequest;
import org.eldercare.stationops.station.StationDtos.StationView;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.util.List;

@Path("/api/stations")
@Tag(name = "Stations")
public class StationResource {

    private final StationService stations;
    private final SecurityIdentity identity;

    public StationResource(StationService stations, SecurityIdentity identity) {
        this.stations = stations;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Register a station (bureau)")
    public Uni<Response> create(@Valid @NotNull StationRequest req) {
        return stations.create(req, Caller.of(identity)).map(v -> Response.status(201).entity(v).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Update a station's registry record (bureau); star ratings have their own history")
    public Uni<StationView> update(@PathParam("id") String id, @Valid @NotNull StationRequest req) {
        return stations.update(id, req, Caller.of(identity));
    }

    @POST
    @Path("/{id}/star-ratings")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Record a star rating effective from a date (bureau)")
    public Uni<StationView> rate(@PathParam("id") String id, @Valid @NotNull StarRequest req) {
        return stations.rate(id, req, Caller.of(identity));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A station (bureau, or its own operator)")
    public Uni<StationView> get(@PathParam("id") String id) {
        return stations.get(id, Caller.of(identity));
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Stations the caller may see: all for the bureau, its own for an operator")
    public Uni<List<StationView>> list() {
        return stations.list(Caller.of(identity));
    }
}
