package org.eldercare.stationops.care;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eldercare.stationops.DistrictCalendar;
import org.eldercare.stationops.station.StationAccess;
import org.eldercare.stationops.station.StationService;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Home visits, personal care, cleaning, bathing, medical escort and respite stays delivered by a station. */
@Path("/api/stations/{stationId}/service-records")
@Tag(name = "Service records")
@RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
public class ServiceRecordResource {

    public record ServiceRequest(@NotBlank @Size(max = 64) String elderId, @NotNull ServiceKind kind, @NotNull Instant startedAt,
                                 @NotNull @Min(1) @Max(7 * 24 * 60) Integer minutes, @NotBlank @Size(max = 200) String staff,
                                 @Size(max = 2000) String notes) {
    }

    public record ServiceView(UUID id, String stationId, String elderId, ServiceKind kind, Instant startedAt, LocalDate serviceDate,
                              int minutes, String staff, String notes, Instant voidedAt, String voidReason) {
        static ServiceView of(ServiceRecord r) {
            return new ServiceView(r.id, r.stationId, r.elderId, r.kind, r.startedAt, r.serviceDate, r.minutes, r.staff, r.notes,
                    r.voidedAt, r.voidReason);
        }
    }

    public record VoidRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final SecurityIdentity identity;

    public ServiceRecordResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Record a service delivered to an elder")
    public Uni<Response> record(@PathParam("stationId") String stationId, @Valid @NotNull ServiceRequest req) {
        Caller caller = Caller.of(identity);
        StationAccess.requireStation(caller, stationId);
        if (req.startedAt().isAfter(Instant.now().plusSeconds(600))) {
            throw ProblemException.badRequest("startedAt " + req.startedAt() + " is in the future.");
        }
        return StationService.require(stationId).flatMap(s -> {
            ServiceRecord r = new ServiceRecord();
            r.id = UUID.randomUUID();
            r.stationId = stationId;
            r.elderId = req.elderId();
            r.kind = req.kind();
            r.startedAt = req.startedAt();
            r.serviceDate = DistrictCalendar.dayOf(req.startedAt());
            r.minutes = req.minutes();
            r.staff = req.staff();
            r.notes = req.notes();
            r.recordedAt = Instant.now();
            r.recordedBy = caller.subject();
            return r.<ServiceRecord>persist();
        }).map(r -> Response.status(201).entity(ServiceView.of(r)).build());
    }

    @POST
    @Path("/{recordId}/void")
    @WithTransaction
    @Operation(summary = "Void a service record entered by mistake, with a reason; statements skip it")
    public Uni<ServiceView> voidRecord(@PathParam("stationId") String stationId, @PathParam("recordId") UUID recordId,
                                      @Valid @NotNull VoidRequest req) {
        Caller caller = Caller.of(identity);
        StationAccess.requireStation(caller, stationId);
        return ServiceRecord.<ServiceRecord>findById(recordId).map(r -> {
            if (r == null || !r.stationId.equals(stationId)) {
                throw ProblemException.notFound("No service record " + recordId + " at station '" + stationId + "'.");
            }
            if (r.voidedAt != null) {
                throw ProblemException.conflict("Service record " + recordId + " was already voided.");
            }
            r.voidedAt = Instant.now();
            r.voidedBy = caller.subject();
            r.voidReason = req.reason();
            return ServiceView.of(r);
        });
    }

    @GET
    @WithSession
    @Operation(summary = "Service records of a month (YYYY-MM), optionally of one elder")
    public Uni<List<ServiceView>> list(@PathParam("stationId") String stationId, @QueryParam("month") String month,
                                       @QueryParam("elderId") String elderId) {
        StationAccess.requireStation(Caller.of(identity), stationId);
        YearMonth ym;
        try {
            ym = month == null ? YearMonth.from(DistrictCalendar.today()) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("month must be YYYY-MM.");
        }
        String q = "stationId = ?1 and serviceDate between ?2 and ?3" + (elderId == null ? "" : " and elderId = ?4")
                + " order by startedAt";
        Uni<List<ServiceRecord>> found = elderId == null
                ? ServiceRecord.list(q, stationId, ym.atDay(1), ym.atEndOfMonth())
                : ServiceRecord.list(q, stationId, ym.atDay(1), ym.atEndOfMonth(), elderId);
        return found.map(l -> l.stream().map(ServiceView::of).toList());
    }
}
