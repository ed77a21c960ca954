package org.eldercare.stationops.meal;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.stationops.meal.MealDtos.BookingRequest;
import org.eldercare.stationops.meal.MealDtos.BookingView;
import org.eldercare.stationops.meal.MealDtos.DailyCounts;
import org.eldercare.stationops.meal.MealDtos.MenuItemRequest;
import org.eldercare.stationops.meal.MealDtos.MenuItemView;
import org.eldercare.stationops.meal.MealDtos.ServeRequest;
import org.eldercare.stationops.meal.MealDtos.ServedView;
import org.eldercare.stationops.station.StationAccess;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/stations/{stationId}")
@Tag(name = "Meal table")
@RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
public class MealResource {

    private final MealService meals;
    private final SecurityIdentity identity;

    public MealResource(MealService meals, SecurityIdentity identity) {
        this.meals = meals;
        this.identity = identity;
    }

    @POST
    @Path("/menu-items")
    @Operation(summary = "Put a dish on the menu for a day and meal")
    public Uni<Response> addMenuItem(@PathParam("stationId") String stationId, @Valid @NotNull MenuItemRequest req) {
        access(stationId);
        return meals.addMenuItem(stationId, req).map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Path("/menu-items")
    @Operation(summary = "The menu between two days (inclusive; default: today)")
    public Uni<List<MenuItemView>> menu(@PathParam("stationId") String stationId, @QueryParam("from") LocalDate from,
                                        @QueryParam("to") LocalDate to) {
        access(stationId);
        LocalDate f = from == null ? org.eldercare.stationops.DistrictCalendar.today() : from;
        LocalDate t = to == null ? f : to;
        if (t.isBefore(f) || t.isAfter(f.plusDays(62))) {
            throw ProblemException.badRequest("'to' must be on or after 'from' and at most 62 days later.");
        }
        return meals.menu(stationId, f, t);
    }

    @POST
    @Path("/bookings")
    @Operation(summary = "Book a meal for an elder: dine-in, pick-up or delivery, with dietary needs")
    public Uni<Response> book(@PathParam("stationId") String stationId, @Valid @NotNull BookingRequest req) {
        return meals.book(stationId, req, access(stationId).subject()).map(v -> Response.status(201).entity(v).build());
    }

    @POST
    @Path("/bookings/{bookingId}/cancel")
    @Operation(summary = "Cancel a booking that was not served")
    public Uni<BookingView> cancel(@PathParam("stationId") String stationId, @PathParam("bookingId") UUID bookingId) {
        access(stationId);
        return meals.cancel(stationId, bookingId);
    }

    @GET
    @Path("/bookings")
    @Operation(summary = "Bookings of a day (the kitchen's list, with dietary needs)")
    public Uni<List<BookingView>> bookings(@PathParam("stationId") String stationId, @QueryParam("date") LocalDate date) {
        access(stationId);
        return meals.bookings(stationId, date == null ? org.eldercare.stationops.DistrictCalendar.today() : date);
    }

    @POST
    @Path("/meals-served")
    @Operation(summary = "The counter: record one meal handed over, by elder id or card; answers what the elder pays")
    public Uni<Response> serve(@PathParam("stationId") String stationId, @Valid @NotNull ServeRequest req) {
        return meals.serve(stationId, req, access(stationId).subject()).map(v -> Response.status(201).entity(v).build());
    }

    @POST
    @Path("/meals-served/{mealId}/void")
    @Operation(summary = "Void a meal recorded by mistake, with a reason; statements skip it (a paid month gets an adjustment)")
    public Uni<ServedView> voidMeal(@PathParam("stationId") String stationId, @PathParam("mealId") UUID mealId,
                                    @Valid @NotNull MealDtos.VoidRequest req) {
        return meals.voidMeal(stationId, mealId, req.reason(), access(stationId).subject());
    }

    @GET
    @Path("/meals-served")
    @Operation(summary = "Meals served on a day")
    public Uni<List<ServedView>> served(@PathParam("stationId") String stationId, @QueryParam("date") LocalDate date) {
        access(stationId);
        return meals.served(stationId, date == null ? org.eldercare.stationops.DistrictCalendar.today() : date);
    }

    @GET
    @Path("/meal-counts")
    @Operation(summary = "Daily counts: booked, served by mode, subsidised, and money paid and subsidised")
    public Uni<DailyCounts> counts(@PathParam("stationId") String stationId, @QueryParam("date") LocalDate date) {
        access(stationId);
        return meals.counts(stationId, date == null ? org.eldercare.stationops.DistrictCalendar.today() : date);
    }

    private Caller access(String stationId) {
        Caller caller = Caller.of(identity);
        StationAccess.requireStation(caller, stationId);
        return caller;
    }
}
