package org.eldercare.beds.occupancy;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Path("/api/bed-days")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bed-days", description = "Bed-days per facility per month (Asia/Shanghai days; admission day counts, discharge day does not)")
public class BedDaysResource {

    /** The bulk answer: every facility open during the month. */
    public record MonthBedDays(String month, boolean complete, long daysCounted, List<FacilityBedDays> facilities) {
    }

    private final BedDaysService bedDays;

    public BedDaysResource(BedDaysService bedDays) {
        this.bedDays = bedDays;
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.BUREAU})
    @Operation(summary = "Bed-days of every facility open during the month, optionally only those a station runs")
    public Uni<MonthBedDays> all(@QueryParam("month") String month, @QueryParam("stationId") String stationId) {
        YearMonth m = month(month);
        String station = stationId == null || stationId.isBlank() ? null : stationId.trim();
        return bedDays.all(m, station).map(list -> {
            var window = BedDays.window(m, java.time.LocalDate.now(BedDays.ZONE));
            return new MonthBedDays(m.toString(), window.complete(), window.days(), list);
        });
    }

    static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("Query parameter 'month' (YYYY-MM) is required.");
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("month '" + text + "' is not a month in the form YYYY-MM.");
        }
    }
}
