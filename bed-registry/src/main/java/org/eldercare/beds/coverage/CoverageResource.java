package org.eldercare.beds.coverage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.beds.occupancy.BedDays;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

@Path("/api/coverage")
@Produces({MediaType.APPLICATION_JSON, CoverageResource.CSV})
@Tag(name = "coverage", description = "Beds against the plan's targets, rolled up from communities to the district")
public class CoverageResource {

    static final String CSV = "text/csv";

    private final CoverageService coverage;

    public CoverageResource(CoverageService coverage) {
        this.coverage = coverage;
    }

    @GET
    @Path("/{areaId}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Coverage of an area and its parts on a date (default today, Asia/Shanghai); CSV with Accept: text/csv or format=csv")
    public Uni<Response> coverage(@PathParam("areaId") String areaId, @QueryParam("date") String date,
                                  @QueryParam("plan") String plan, @QueryParam("format") String format,
                                  @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate day = date == null || date.isBlank() ? LocalDate.now(BedDays.ZONE) : parseDate(date);
        boolean csv = wantsCsv(format, accept);
        return coverage.coverage(areaId, day, blankToNull(plan)).map(r -> csv
                ? Response.ok(CoverageCsv.report(r), CSV).header("Content-Disposition", "attachment; filename=\"coverage-" + areaId + "-" + day + ".csv\"").build()
                : Response.ok(r, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/{areaId}/trend")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @Operation(summary = "Coverage of an area at the end of each month from..to (YYYY-MM; default the last 12 months)")
    public Uni<Response> trend(@PathParam("areaId") String areaId, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("plan") String plan, @QueryParam("format") String format,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        YearMonth end = to == null || to.isBlank() ? YearMonth.now(BedDays.ZONE) : parseMonth("to", to);
        YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : parseMonth("from", from);
        boolean csv = wantsCsv(format, accept);
        return coverage.trend(areaId, start, end, blankToNull(plan)).map(points -> csv
                ? Response.ok(CoverageCsv.trend(points), CSV).build()
                : Response.ok(points, MediaType.APPLICATION_JSON).build());
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (format.equalsIgnoreCase("csv")) {
                return true;
            }
            if (format.equalsIgnoreCase("json")) {
                return false;
            }
            throw ProblemException.badRequest("format '" + format + "' is not csv or json.");
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("date '" + text + "' is not a date in the form YYYY-MM-DD.");
        }
    }

    private static YearMonth parseMonth(String name, String text) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " '" + text + "' is not a month in the form YYYY-MM.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
