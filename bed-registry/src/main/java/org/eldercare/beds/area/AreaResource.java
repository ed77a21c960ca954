package org.eldercare.beds.area;

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
import org.eldercare.web.Roles;

import java.util.List;
import java.util.Map;

@Path("/api/areas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "areas", description = "District > street/town > community/village, with yearly population")
public class AreaResource {

    public record NewArea(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 200) String name,
                          @NotNull AreaLevel level, @Size(max = 64) String parentId) {
    }

    public record PopulationFigures(@NotNull @PositiveOrZero Long residentPopulation, @NotNull @PositiveOrZero Long aged60Plus,
                                    @NotNull @PositiveOrZero Long aged80Plus, @NotNull @PositiveOrZero Long disabledElders) {
    }

    private final AreaService areas;

    public AreaResource(AreaService areas) {
        this.areas = areas;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Create an area (a district has no parent; a street sits under a district, a community under a street)")
    public Uni<Response> create(@Valid @NotNull NewArea a) {
        return areas.create(new Area(a.id(), a.name(), a.level(), blankToNull(a.parentId())))
                .map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "List areas, optionally only the children of one")
    public Uni<List<Area>> list(@QueryParam("parentId") String parentId) {
        return areas.list(blankToNull(parentId));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "One area")
    public Uni<Area> get(@PathParam("id") String id) {
        return areas.get(id);
    }

    @POST
    @Path("/import")
    @Consumes("text/csv")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Import areas from CSV (columns id,name,level,parent_id); all rows or none")
    public Uni<Map<String, Integer>> importAreas(String csv) {
        return areas.importAreas(csv).map(n -> Map.of("imported", n));
    }

    @PUT
    @Path("/{id}/population/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Set a community's population for a year")
    public Uni<Population> putPopulation(@PathParam("id") String id, @PathParam("year") @Min(1900) @Max(2200) int year,
                                         @Valid @NotNull PopulationFigures p) {
        return areas.putPopulation(id, new Population(year, p.residentPopulation(), p.aged60Plus(), p.aged80Plus(), p.disabledElders()));
    }

    @GET
    @Path("/{id}/population")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "A community's population by year")
    public Uni<List<Population>> population(@PathParam("id") String id) {
        return areas.population(id);
    }

    @POST
    @Path("/population/import")
    @Consumes("text/csv")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Import population from CSV (columns area_id,year,resident_population,aged_60_plus,aged_80_plus,disabled_elders); all rows or none")
    public Uni<Map<String, Integer>> importPopulation(String csv) {
        return areas.importPopulation(csv).map(n -> Map.of("imported", n));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
