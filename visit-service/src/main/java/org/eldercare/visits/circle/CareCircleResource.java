package org.eldercare.visits.circle;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.contracts.CareCircle;
import org.eldercare.visits.elder.Elder;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.util.List;

/** Full snapshots for the alert service, to (re)build its copy of who to notify. */
@Path("/api/care-circles")
@Tag(name = "Care-circle snapshots", description = "For the alert service (role service) and the bureau")
@SecurityRequirement(name = "jwt")
public class CareCircleResource {

    private final CareCircles circles;

    public CareCircleResource(CareCircles circles) {
        this.circles = circles;
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.BUREAU})
    @WithSession
    @Operation(summary = "All care circles, active and inactive, ordered by elder id",
            description = "Keyset paging: pass the last elderId received as 'after'. Fewer than 'limit' items = last page.")
    public Uni<List<CareCircle>> all(@QueryParam("after") @DefaultValue("") String after,
                                     @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(2000) int limit) {
        return Elder.<Elder>find("id > ?1 order by id", after).page(0, limit).list().chain(circles::snapshots);
    }

    @GET
    @Path("/{elderId}")
    @RolesAllowed({Roles.SERVICE, Roles.BUREAU})
    @WithSession
    @Operation(summary = "One elder's current care circle")
    public Uni<CareCircle> one(@PathParam("elderId") String elderId) {
        return Elder.<Elder>findById(elderId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No elder " + elderId + "."))
                .chain(e -> circles.snapshots(List.of(e))).map(l -> l.get(0));
    }
}
