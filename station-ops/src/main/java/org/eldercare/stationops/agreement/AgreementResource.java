package org.eldercare.stationops.agreement;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.station.StationAccess;
import org.eldercare.stationops.station.StationService;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The elders a station has signed a basic-care service agreement with: the basis of the basic subsidy. */
@Path("/api/stations/{stationId}/agreements")
@Tag(name = "Service agreements")
public class AgreementResource {

    public record AgreementRequest(@NotBlank @Size(max = 64) String elderId, @NotNull LocalDate startDate,
                                   LocalDate endDate, @NotBlank @Size(max = 64) String category) {
    }

    public record EndRequest(@NotNull LocalDate endDate) {
    }

    public record AgreementView(UUID id, String stationId, String elderId, LocalDate startDate, LocalDate endDate,
                                String category) {
        static AgreementView of(ServiceAgreement a) {
            return new AgreementView(a.id, a.stationId, a.elderId, a.startDate, a.endDate, a.category);
        }
    }

    private final SecurityIdentity identity;

    public AgreementResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "Record a signed agreement; one elder has at most one agreement in force at a station on any day")
    public Uni<Response> sign(@PathParam("stationId") String stationId, @Valid @NotNull AgreementRequest req) {
        Caller caller = Caller.of(identity);
        StationAccess.requireStation(caller, stationId);
        if (req.endDate() != null && req.endDate().isBefore(req.startDate())) {
            throw ProblemException.badRequest("endDate is before startDate.");
        }
        return StationService.require(stationId)
                .flatMap(s -> ServiceAgreement.<ServiceAgreement>list("stationId = ?1 and elderId = ?2", stationId, req.elderId()))
                .flatMap(existing -> {
                    for (ServiceAgreement a : existing) {
                        if (overlaps(a.startDate, a.endDate, req.startDate(), req.endDate())) {
                            throw ProblemException.conflict("Elder '" + req.elderId() + "' already has agreement " + a.id
                                    + " at this station from " + a.startDate + (a.endDate == null ? "" : " to " + a.endDate) + ".");
                        }
                    }
                    ServiceAgreement a = new ServiceAgreement();
                    a.id = UUID.randomUUID();
                    a.stationId = stationId;
                    a.elderId = req.elderId();
                    a.startDate = req.startDate();
                    a.endDate = req.endDate();
                    a.category = req.category();
                    a.createdAt = Instant.now();
                    a.createdBy = caller.subject();
                    return a.<ServiceAgreement>persist();
                })
                .map(a -> Response.status(201).entity(AgreementView.of(a)).build());
    }

    @POST
    @Path("/{agreementId}/end")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "End an agreement: endDate is the last day it covers")
    public Uni<AgreementView> end(@PathParam("stationId") String stationId, @PathParam("agreementId") UUID agreementId,
                                  @Valid @NotNull EndRequest req) {
        StationAccess.requireStation(Caller.of(identity), stationId);
        return ServiceAgreement.<ServiceAgreement>findById(agreementId).map(a -> {
            if (a == null || !a.stationId.equals(stationId)) {
                throw ProblemException.notFound("No agreement " + agreementId + " at station '" + stationId + "'.");
            }
            if (req.endDate().isBefore(a.startDate)) {
                throw ProblemException.badRequest("endDate is before the agreement's start " + a.startDate + ".");
            }
            a.endDate = req.endDate();
            return AgreementView.of(a);
        });
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithSession
    @Operation(summary = "Agreements of the station, optionally only those in force on a day")
    public Uni<List<AgreementView>> list(@PathParam("stationId") String stationId, @QueryParam("on") LocalDate on) {
        StationAccess.requireStation(Caller.of(identity), stationId);
        Uni<List<ServiceAgreement>> found = on == null
                ? ServiceAgreement.list("stationId = ?1 order by startDate, elderId", stationId)
                : ServiceAgreement.list("stationId = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2) order by elderId",
                stationId, on);
        return found.map(l -> l.stream().map(AgreementView::of).toList());
    }

    static boolean overlaps(LocalDate s1, LocalDate e1, LocalDate s2, LocalDate e2) {
        return (e1 == null || !e1.isBefore(s2)) && (e2 == null || !e2.isBefore(s1));
    }
}
