package org.eldercare.stationops.statement;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.subsidy.Money;
import org.eldercare.web.Caller;
import org.eldercare.web.Roles;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

@Path("/api/statements")
@Tag(name = "Subsidy statements")
@RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
public class StatementResource {

    public record RejectRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record PayRequest(@Size(max = 200) String paymentRef) {
    }

    private final StatementService statements;
    private final SecurityIdentity identity;
    private final Template print;

    public StatementResource(StatementService statements, SecurityIdentity identity,
                             @Location("statement-print.html") Template print) {
        this.statements = statements;
        this.identity = identity;
        this.print = print;
    }

    @GET
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "All statements, or those in one status (the bureau's review queue: status=SUBMITTED)")
    public Uni<List<StatementView.Summary>> byStatus(@QueryParam("status") StatementStatus status) {
        return statements.byStatus(status, caller());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A statement with its lines, the records behind each line, and its flags")
    public Uni<StatementView> get(@PathParam("id") UUID id) {
        return statements.get(id, caller());
    }

    @GET
    @Path("/{id}/csv")
    @Produces("text/csv")
    @Operation(summary = "The statement as CSV, one row per record")
    public Uni<Response> csv(@PathParam("id") UUID id) {
        return statements.get(id, caller()).map(s -> Response.ok(StatementExport.csv(s), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"statement-" + s.stationId() + "-" + s.month() + ".csv\"")
                .build());
    }

    @GET
    @Path("/{id}/print")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The statement laid out for printing")
    public Uni<String> printable(@PathParam("id") UUID id) {
        return statements.get(id, caller()).flatMap(s -> print.data("s", s).data("yuan", new Yuan()).createUni());
    }

    @POST
    @Path("/{id}/submit")
    @Operation(summary = "Submit a draft to the bureau (the station's operator or the bureau)")
    public Uni<StatementView> submit(@PathParam("id") UUID id) {
        return statements.submit(id, caller());
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Approve a submitted statement; it is frozen from then on")
    public Uni<StatementView> approve(@PathParam("id") UUID id) {
        return statements.approve(id, caller());
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Send a submitted statement back to the station with a reason")
    public Uni<StatementView> reject(@PathParam("id") UUID id, @Valid @NotNull RejectRequest req) {
        return statements.reject(id, req.reason(), caller());
    }

    @POST
    @Path("/{id}/pay")
    @RolesAllowed(Roles.BUREAU)
    @Operation(summary = "Mark an approved statement paid")
    public Uni<StatementView> pay(@PathParam("id") UUID id, @Valid PayRequest req) {
        return statements.pay(id, req == null ? null : req.paymentRef(), caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    /** Formats fen for the template. */
    public static class Yuan {
        public String of(long fen) {
            return Money.yuan(fen);
        }
    }
}
