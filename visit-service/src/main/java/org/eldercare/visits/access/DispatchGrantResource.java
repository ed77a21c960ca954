package org.eldercare.visits.access;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.visitor.PatrolVisitor;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;

/**
 * visit-service cannot read the alert service's tables, so the alert service tells it when it
 * dispatched an alert about an elder to a visitor not assigned to them.
 */
@Path("/api/dispatch-grants")
@Tag(name = "Dispatch grants", description = "For the alert service")
@SecurityRequirement(name = "jwt")
public class DispatchGrantResource {

    public record GrantRequest(@NotBlank String elderId, @NotBlank String visitorId, @NotBlank String alertId,
                               @NotNull Instant until) {
    }

    public record GrantView(String elderId, String visitorId, String alertId, Instant until, Instant createdAt) {
        static GrantView of(DispatchGrant g) {
            return new GrantView(g.elderId, g.visitorId, g.alertId, g.until, g.createdAt);
        }
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @WithTransaction
    @Operation(summary = "Let a visitor see an elder while an alert dispatched to them lasts",
            description = "Idempotent on (alertId, visitorId): a repeat answers 200 and extends 'until' if later.")
    public Uni<Response> grant(@NotNull @Valid GrantRequest r) {
        if (!r.until().isAfter(Instant.now())) {
            throw ProblemException.badRequest("until: must be in the future.");
        }
        return Elder.findById(r.elderId()).onItem().ifNull().failWith(() -> ProblemException.notFound("No elder " + r.elderId() + "."))
                .chain(() -> PatrolVisitor.findById(r.visitorId())).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No patrol visitor " + r.visitorId() + "."))
                .chain(() -> DispatchGrant.<DispatchGrant>findById(new DispatchGrant.Key(r.alertId(), r.visitorId())))
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.elderId.equals(r.elderId())) {
                            throw ProblemException.conflict("Alert " + r.alertId() + " was granted for elder " + existing.elderId + ".");
                        }
                        if (r.until().isAfter(existing.until)) {
                            existing.until = r.until();
                        }
                        return Uni.createFrom().item(Response.ok(GrantView.of(existing)).build());
                    }
                    DispatchGrant g = new DispatchGrant();
                    g.alertId = r.alertId();
                    g.visitorId = r.visitorId();
                    g.elderId = r.elderId();
                    g.until = r.until();
                    g.createdAt = Instant.now();
                    return g.persist().replaceWith(Response.status(201).entity(GrantView.of(g)).build());
                });
    }
}
