package org.eldercare.stationops.rules;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.subsidy.SubsidyRules;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Subsidy rules as versioned data. Versions are never edited: a change of policy is a new version
 * with its own effective date, so any past month recomputes with the rules it was paid under.
 */
@Path("/api/subsidy-rules")
@Tag(name = "Subsidy rules")
public class RuleResource {

    public record RuleSetRequest(@NotBlank @Size(max = 64) String district, @NotNull LocalDate effectiveFrom,
                                 @NotNull @Min(0) Long basicPerElderFen, @NotNull @Min(0) Long ruralFlatFen,
                                 @NotNull @Min(0) Integer ruralThresholdElders, @NotNull @Min(0) Long star2Fen,
                                 @NotNull @Min(0) Long star3PlusFen, @NotNull @Min(0) Long chainPerStationFen,
                                 @NotNull @NotEmpty List<@NotNull @Min(1) Integer> chainAnniversaryYears,
                                 @NotNull @Min(0) Long mealAssistFen, @NotNull @Min(0) Long mealMinPriceFen,
                                 @NotNull @Min(0) Long mealOperatingFen, @Min(0) Long respitePerBedDayFen,
                                 @NotNull @Min(101) Integer jumpThresholdPercent, String note) {
    }

    public record RuleSetView(UUID id, String district, LocalDate effectiveFrom, SubsidyRules rules, String note,
                              Instant createdAt, String createdBy) {
        public static RuleSetView of(SubsidyRuleSet r) {
            return new RuleSetView(r.id, r.district, r.effectiveFrom, r.toRules(), r.note, r.createdAt, r.createdBy);
        }
    }

    private final SecurityIdentity identity;

    public RuleResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.BUREAU)
    @WithTransaction
    @Operation(summary = "Add a version of a district's rules ('*' for the default), effective from a date")
    public Uni<Response> add(@Valid @NotNull RuleSetRequest req) {
        String by = Caller.of(identity).subject();
        return SubsidyRuleSet.count("district = ?1 and effectiveFrom = ?2", req.district(), req.effectiveFrom()).flatMap(n -> {
            if (n > 0) {
                throw ProblemException.conflict("District '" + req.district() + "' already has rules effective from "
                        + req.effectiveFrom() + "; versions are immutable, add one with another date.");
            }
            SubsidyRuleSet r = new SubsidyRuleSet();
            r.id = UUID.randomUUID();
            r.district = req.district();
            r.effectiveFrom = req.effectiveFrom();
            r.basicPerElderFen = req.basicPerElderFen();
            r.ruralFlatFen = req.ruralFlatFen();
            r.ruralThresholdElders = req.ruralThresholdElders();
            r.star2Fen = req.star2Fen();
            r.star3PlusFen = req.star3PlusFen();
            r.chainPerStationFen = req.chainPerStationFen();
            r.chainAnniversaryYears = req.chainAnniversaryYears().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
            r.mealAssistFen = req.mealAssistFen();
            r.mealMinPriceFen = req.mealMinPriceFen();
            r.mealOperatingFen = req.mealOperatingFen();
            r.respitePerBedDayFen = req.respitePerBedDayFen();
            r.jumpThresholdPercent = req.jumpThresholdPercent();
            r.note = req.note();
            r.createdAt = Instant.now();
            r.createdBy = by;
            return r.<SubsidyRuleSet>persist();
        }).map(r -> Response.status(201).entity(RuleSetView.of(r)).build());
    }

    @GET
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithSession
    @Operation(summary = "All rule versions, or (with district and on) the one in force for a district on a day")
    public Uni<List<RuleSetView>> list(@QueryParam("district") String district, @QueryParam("on") LocalDate on) {
        if (district != null && on != null) {
            return SubsidyRuleSet.inForce(district, on).map(r -> List.of(RuleSetView.of(r)));
        }
        if (district != null || on != null) {
            throw ProblemException.badRequest("Give both district and on, or neither.");
        }
        return SubsidyRuleSet.<SubsidyRuleSet>list("order by district, effectiveFrom")
                .map(l -> l.stream().map(RuleSetView::of).toList());
    }
}
