package org.eldercare.stationops.elder;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.subsidy.Facts;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What station-ops knows about an elder beyond its own records: death, moving away, institution
 * stays and cards. station-ops cannot read visit-service or bed-registry tables, so these are
 * posted here and are the source of truth for the checks on statements.
 */
@Path("/api/elders/{elderId}")
@Tag(name = "Elders")
@RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
public class ElderResource {

    public record StatusRequest(@NotNull Facts.ElderStatusKind kind, @NotNull LocalDate effectiveOn, String note) {
    }

    public record StayRequest(@NotBlank @Size(max = 64) String facilityId, @NotNull LocalDate admittedOn, LocalDate dischargedOn) {
    }

    public record DischargeRequest(@NotNull LocalDate dischargedOn) {
    }

    public record CardRequest(@NotBlank @Size(max = 64) String cardNo) {
    }

    public record StatusView(UUID id, Facts.ElderStatusKind kind, LocalDate effectiveOn, String note, String recordedBy) {
    }

    public record StayView(UUID id, String facilityId, LocalDate admittedOn, LocalDate dischargedOn) {
        static StayView of(InstitutionStayRecord s) {
            return new StayView(s.id, s.facilityId, s.admittedOn, s.dischargedOn);
        }
    }

    public record ElderView(String elderId, List<StatusView> statuses, List<StayView> institutionStays, List<String> cards) {
    }

    private final SecurityIdentity identity;

    public ElderResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @POST
    @Path("/status")
    @WithTransaction
    @Operation(summary = "Report that an elder died (date of death) or moved away (first day gone); a later report corrects the date")
    public Uni<StatusView> status(@PathParam("elderId") String elderId, @Valid @NotNull StatusRequest req) {
        String by = Caller.of(identity).subject();
        return ElderStatusRecord.<ElderStatusRecord>find("elderId = ?1 and kind = ?2", elderId, req.kind()).<ElderStatusRecord>firstResult()
                .flatMap(existing -> {
                    ElderStatusRecord r = existing != null ? existing : new ElderStatusRecord();
                    if (existing == null) {
                        r.id = UUID.randomUUID();
                        r.elderId = elderId;
                        r.kind = req.kind();
                    }
                    r.effectiveOn = req.effectiveOn();
                    r.note = req.note();
                    r.recordedAt = Instant.now();
                    r.recordedBy = by;
                    return existing != null ? Uni.createFrom().item(r) : r.<ElderStatusRecord>persist();
                })
                .map(r -> new StatusView(r.id, r.kind, r.effectiveOn, r.note, r.recordedBy))
                .onFailure().transform(e -> org.eldercare.stationops.Conflicts.translate(e,
                        "Elder '" + elderId + "' got a " + req.kind() + " report from another request at the same time; repeat to correct it."));
    }

    @POST
    @Path("/institution-stays")
    @WithTransaction
    @Operation(summary = "Record an admission to an institution (and its discharge, when known)")
    public Uni<Response> admit(@PathParam("elderId") String elderId, @Valid @NotNull StayRequest req) {
        if (req.dischargedOn() != null && req.dischargedOn().isBefore(req.admittedOn())) {
            throw ProblemException.badRequest("dischargedOn is before admittedOn.");
        }
        InstitutionStayRecord s = new InstitutionStayRecord();
        s.id = UUID.randomUUID();
        s.elderId = elderId;
        s.facilityId = req.facilityId();
        s.admittedOn = req.admittedOn();
        s.dischargedOn = req.dischargedOn();
        s.recordedAt = Instant.now();
        s.recordedBy = Caller.of(identity).subject();
        return s.<InstitutionStayRecord>persist().map(saved -> Response.status(201).entity(StayView.of(saved)).build());
    }

    @POST
    @Path("/institution-stays/{stayId}/discharge")
    @WithTransaction
    @Operation(summary = "Record the discharge of an institution stay")
    public Uni<StayView> discharge(@PathParam("elderId") String elderId, @PathParam("stayId") UUID stayId,
                                   @Valid @NotNull DischargeRequest req) {
        return InstitutionStayRecord.<InstitutionStayRecord>findById(stayId).map(s -> {
            if (s == null || !s.elderId.equals(elderId)) {
                throw ProblemException.notFound("No institution stay " + stayId + " of elder '" + elderId + "'.");
            }
            if (req.dischargedOn().isBefore(s.admittedOn)) {
                throw ProblemException.badRequest("dischargedOn is before the admission on " + s.admittedOn + ".");
            }
            s.dischargedOn = req.dischargedOn();
            return StayView.of(s);
        });
    }

    @PUT
    @Path("/card")
    @WithTransaction
    @Operation(summary = "Register a card number the counter can read for this elder")
    public Uni<Response> card(@PathParam("elderId") String elderId, @Valid @NotNull CardRequest req) {
        String by = Caller.of(identity).subject();
        return ElderCard.<ElderCard>findById(req.cardNo()).flatMap(existing -> {
            if (existing != null && !existing.elderId.equals(elderId)) {
                throw ProblemException.conflict("Card '" + req.cardNo() + "' belongs to another elder.");
            }
            if (existing != null) {
                return Uni.createFrom().item(Response.noContent().build());
            }
            ElderCard c = new ElderCard();
            c.cardNo = req.cardNo();
            c.elderId = elderId;
            c.registeredAt = Instant.now();
            c.registeredBy = by;
            return c.persist().map(x -> Response.noContent().build());
        }).onFailure().transform(e -> org.eldercare.stationops.Conflicts.translate(e, "Card '" + req.cardNo() + "' was just registered by another request."));
    }

    @GET
    @WithSession
    @Operation(summary = "What station-ops knows of an elder: status, institution stays, cards")
    public Uni<ElderView> get(@PathParam("elderId") String elderId) {
        return ElderStatusRecord.<ElderStatusRecord>list("elderId = ?1 order by kind", elderId)
                .flatMap(statuses -> InstitutionStayRecord.<InstitutionStayRecord>list("elderId = ?1 order by admittedOn", elderId)
                        .flatMap(stays -> ElderCard.<ElderCard>list("elderId = ?1 order by cardNo", elderId)
                                .map(cards -> new ElderView(elderId,
                                        statuses.stream().map(r -> new StatusView(r.id, r.kind, r.effectiveOn, r.note, r.recordedBy)).toList(),
                                        stays.stream().map(StayView::of).toList(),
                                        cards.stream().map(c -> c.cardNo).toList()))));
    }
}
