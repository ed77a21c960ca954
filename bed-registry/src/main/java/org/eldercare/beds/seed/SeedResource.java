package org.eldercare.beds.seed;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Roles;

@Path("/api/admin/seed")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class SeedResource {

    private final SeedLoader loader;

    public SeedResource(SeedLoader loader) {
        this.loader = loader;
    }

    @POST
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Load the demo district (idempotent: what is already there is left alone)")
    public Uni<SeedLoader.Result> load() {
        return loader.load();
    }
}
