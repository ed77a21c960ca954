package org.eldercare.gateway.credentials;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.gateway.ingest.InboundAddress;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

@Path("/api/app-credentials/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "App credentials")
public class AppCredentialResource {

    private final AppCredentialService service;

    public AppCredentialResource(AppCredentialService service) {
        this.service = service;
    }

    @POST
    @Blocking // hashing the password is CPU work that must not hold an event loop
    @RolesAllowed({Roles.BUREAU, Roles.DEVICE_ADMIN, Roles.SERVICE})
    @Operation(summary = "Issue (or re-issue) the MQTT password of a patrol visitor's or family user's app; shown once")
    public Uni<Response> issue(@PathParam("userId") String userId) {
        checkId(userId);
        return service.issue(userId).map(i -> Response.status(201).entity(i).build());
    }

    @DELETE
    @RolesAllowed({Roles.BUREAU, Roles.DEVICE_ADMIN, Roles.SERVICE})
    @Operation(summary = "Revoke an app's MQTT password")
    public Uni<Response> revoke(@PathParam("userId") String userId) {
        checkId(userId);
        return service.revoke(userId).map(v -> Response.noContent().build());
    }

    private static void checkId(String userId) {
        if (!InboundAddress.ID.matcher(userId).matches()) {
            throw ProblemException.badRequest("userId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
    }
}
