package org.eldercare.stationops.statement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.YearMonth;
import java.util.List;

/** A station's statements: drafting a month and listing them. */
@Path("/api/stations/{stationId}/statements")
@Tag(name = "Subsidy statements")
@RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
public class StationStatementResource {

    public record DraftRequest(@NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "must be YYYY-MM") String month) {
    }

    private final StatementService statements;
    private final SecurityIdentity identity;

    public StationStatementResource(StatementService statements, SecurityIdentity identity) {
        this.statements = statements;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Compute the month's statement as a draft (again, while it is a draft or was rejected)")
    public Uni<StatementView> draft(@PathParam("stationId") String stationId, @Valid @NotNull DraftRequest req) {
        return statements.draft(stationId, YearMonth.parse(req.month()), Caller.of(identity));
    }

    @GET
    @Operation(summary = "A station's statements, newest month first")
    public Uni<List<StatementView.Summary>> ofStation(@PathParam("stationId") String stationId) {
        return statements.ofStation(stationId, Caller.of(identity));
    }
}
