package org.eldercare.visits.elder;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.net.URI;
import java.util.List;

@Path("/api/elders")
@Tag(name = "Elders", description = "Care recipients and their care circles")
@SecurityRequirement(name = "jwt")
public class ElderResource {

    private final ElderService elders;
    private final SecurityIdentity identity;

    public ElderResource(ElderService elders, SecurityIdentity identity) {
        this.elders = elders;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Register an elder", description = "The national ID is validated (GB 11643 check digit, birth date), stored encrypted and answered masked.")
    public Uni<Response> create(@NotNull @Valid ElderApi.ElderRequest request) {
        return elders.create(Caller.of(identity), request)
                .map(v -> Response.created(URI.create("/api/elders/" + v.id())).entity(v).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Update an elder", description = "Send the version you read; 409 if it changed meanwhile.")
    public Uni<ElderApi.ElderView> update(@PathParam("id") String id, @NotNull @Valid ElderApi.ElderRequest request) {
        return elders.update(Caller.of(identity), id, request);
    }

    @PUT
    @Path("/{id}/family")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Replace the elder's family contacts")
    public Uni<ElderApi.ElderView> family(@PathParam("id") String id, @NotNull @Valid ElderApi.FamilyRequest request) {
        return elders.setFamily(Caller.of(identity), id, request);
    }

    @PUT
    @Path("/{id}/visitors")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Replace the patrol visitors assigned to the elder", description = "The first is the primary visitor, who gets the visit plan.")
    public Uni<ElderApi.ElderView> visitors(@PathParam("id") String id, @NotNull @Valid ElderApi.VisitorsRequest request) {
        return elders.setVisitors(Caller.of(identity), id, request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR, Roles.FAMILY, Roles.SERVICE})
    @Operation(summary = "One elder, if in your care")
    public Uni<ElderApi.ElderView> get(@PathParam("id") String id) {
        return elders.get(Caller.of(identity), id);
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR, Roles.FAMILY, Roles.SERVICE})
    @Operation(summary = "The elders you may see, by id", description = "Keyset paging: pass the last id you got as 'after'.")
    public Uni<List<ElderApi.ElderView>> list(@QueryParam("after") String after,
                                             @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                             @QueryParam("stationId") String stationId,
                                             @QueryParam("areaCode") String areaCode) {
        return elders.list(Caller.of(identity), after, limit, stationId, areaCode);
    }

    @GET
    @Path("/{id}/circle-history")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Every version of the elder's care circle, oldest first")
    public Uni<List<ElderApi.HistoryEntry>> history(@PathParam("id") String id) {
        return elders.history(Caller.of(identity), id);
    }
}
