package org.eldercare.alert.carecircle;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.contracts.CareCircle;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

/**
 * The alert service's own copy of an elder's care circle: who it would notify right now, even with
 * visit-service down. Lets an operator check that a change made in visit-service has arrived.
 */
@Path("/api/care-circles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "care circles")
@SecurityRequirement(name = "jwt")
public class CareCircleResource {

    private final Pool pool;
    private final CareCircleStore circles;

    public CareCircleResource(Pool pool, CareCircleStore circles) {
        this.pool = pool;
        this.circles = circles;
    }

    @GET
    @Path("/{elderId}")
    @RolesAllowed({Roles.BUREAU, Roles.SERVICE})
    @Operation(summary = "The care circle the alert service holds for an elder (its copy of visit-service's)")
    public Uni<CareCircle> get(@PathParam("elderId") String elderId) {
        return pool.withConnection(c -> circles.get(c, elderId)).map(circle -> {
            if (circle == null) {
                throw ProblemException.notFound("the alert service holds no care circle for elder " + elderId);
            }
            return circle;
        });
    }
}
