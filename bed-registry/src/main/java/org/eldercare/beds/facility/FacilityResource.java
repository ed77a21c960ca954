package org.eldercare.beds.facility;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/facilities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "facilities", description = "Institutions, care centres, stations and home-care beds")
public class FacilityResource {

    public record FacilityInput(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name,
                                @NotNull FacilityKind kind, @NotBlank String areaId, @NotNull OwnerType ownerType,
                                @Size(max = 200) String operatorName, @Size(max = 64) String operatingStationId,
                                @Min(0) @Max(5) Integer starRating, @NotNull @PositiveOrZero Integer licensedCapacity,
                                @NotNull @PositiveOrZero Integer nursingStaff, @NotNull LocalDate openedOn, LocalDate closedOn) {

        Facility toFacility() {
            return new Facility(null, code.trim(), name.trim(), kind, areaId.trim(), ownerType, operatorName,
                    operatingStationId == null || operatingStationId.isBlank() ? null : operatingStationId.trim(),
                    starRating, licensedCapacity, nursingStaff, openedOn, closedOn);
        }
    }

    private final FacilityService facilities;
    private final FacilityImporter importer;
    private final SecurityIdentity identity;

    public FacilityResource(FacilityService facilities, FacilityImporter importer, SecurityIdentity identity) {
        this.facilities = facilities;
        this.importer = importer;
        this.identity = identity;
    }

    @POST
    @Path("/import")
    @Consumes("text/csv")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Import facilities with their beds from CSV (columns code,name,kind,area_id,owner_type,licensed_capacity,"
            + "nursing_staff,opened_on and optionally operator_name,operating_station_id,star_rating,closed_on,nursing_beds,general_beds); all rows or none")
    public Uni<FacilityImporter.Result> importCsv(String csv) {
        return importer.importCsv(csv, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Register a facility in a community")
    public Uni<Response> create(@Valid @NotNull FacilityInput in) {
        return facilities.create(in.toFacility()).map(f -> Response.status(201).entity(f).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Replace a facility's details (e.g. set closedOn, a new star rating or staff count)")
    public Uni<Facility> update(@PathParam("id") UUID id, @Valid @NotNull FacilityInput in) {
        return facilities.update(id, in.toFacility());
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "List facilities (operators see only those their station runs)")
    public Uni<List<Facility>> list(@QueryParam("areaId") String areaId, @QueryParam("kind") FacilityKind kind,
                                    @QueryParam("stationId") String stationId) {
        return facilities.list(areaId, kind, stationId, Caller.of(identity));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "One facility")
    public Uni<Facility> get(@PathParam("id") UUID id) {
        return facilities.get(id, Caller.of(identity));
    }
}
