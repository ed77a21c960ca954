package org.eldercare.beds.plan;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.beds.facility.FacilityKind;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans", description = "Planning targets, versioned by plan and year")
public class PlanResource {

    public record TargetInput(@DecimalMin("0") @DecimalMax("1000") BigDecimal bedsPer1000,
                              @DecimalMin("0") @DecimalMax("100") BigDecimal nursingSharePercent,
                              @DecimalMin("0") @DecimalMax("10000") BigDecimal careStaffPer10000Elders,
                              @PositiveOrZero Integer stations, @PositiveOrZero Integer careCentres,
                              @PositiveOrZero Integer homeCareBeds) {

        Plan.Target at(int year) {
            return new Plan.Target(year, bedsPer1000, nursingSharePercent, careStaffPer10000Elders, stations, careCentres, homeCareBeds);
        }
    }

    public record YearTarget(@NotNull @Min(1900) @Max(2200) Integer year, @DecimalMin("0") @DecimalMax("1000") BigDecimal bedsPer1000,
                             @DecimalMin("0") @DecimalMax("100") BigDecimal nursingSharePercent,
                             @DecimalMin("0") @DecimalMax("10000") BigDecimal careStaffPer10000Elders,
                             @PositiveOrZero Integer stations, @PositiveOrZero Integer careCentres,
                             @PositiveOrZero Integer homeCareBeds) {
    }

    public record NewPlan(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 200) String name,
                          @NotBlank String areaId, @NotEmpty Set<FacilityKind> countedKinds,
                          List<@Valid @NotNull YearTarget> targets) {
    }

    private final PlanService plans;

    public PlanResource(PlanService plans) {
        this.plans = plans;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Create a plan for a district, with which facility kinds' beds count, and its yearly targets")
    public Uni<Response> create(@Valid @NotNull NewPlan in) {
        List<YearTarget> targets = in.targets() == null ? List.of() : in.targets();
        Set<Integer> years = new HashSet<>();
        for (YearTarget t : targets) {
            if (!years.add(t.year())) {
                throw ProblemException.badRequest("Year " + t.year() + " appears twice in targets.");
            }
        }
        Plan plan = new Plan(in.code().trim(), in.name().trim(), in.areaId().trim(), EnumSet.copyOf(in.countedKinds()),
                targets.stream().map(t -> new Plan.Target(t.year(), t.bedsPer1000(), t.nursingSharePercent(),
                        t.careStaffPer10000Elders(), t.stations(), t.careCentres(), t.homeCareBeds())).toList());
        return plans.create(plan).map(p -> Response.status(201).entity(p).build());
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "All plans with their targets")
    public Uni<List<Plan>> list() {
        return plans.list();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "One plan with its targets")
    public Uni<Plan> get(@PathParam("code") String code) {
        return plans.get(code);
    }

    @PUT
    @Path("/{code}/targets/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Set (or replace) a plan's targets for a year")
    public Uni<Plan> putTarget(@PathParam("code") String code, @PathParam("year") @Min(1900) @Max(2200) int year,
                               @Valid @NotNull TargetInput in) {
        return plans.putTarget(code, in.at(year));
    }
}
