package org.eldercare.console.station;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.services.StationOpsApi;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.Role;
import org.eldercare.console.web.Formats;
import org.eldercare.console.web.Pages;
import org.eldercare.console.web.RolePage;
import org.eldercare.console.web.ServiceErrors;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A station operator's pages: today's menu and bookings with the counter, service records, the
 * station's elders and the monthly statement. The station is always the one in the operator's
 * token; station-ops refuses any other.
 */
@Path("/station")
@RolePage(Role.OPERATOR)
@Produces(MediaType.TEXT_HTML)
public class StationResource {

    private final Pages pages;
    private final StationOpsApi ops;
    private final StationData data;
    private final Template today;
    private final Template records;
    private final Template elders;
    private final Template statements;
    private final Template statement;

    StationResource(Pages pages, @RestClient StationOpsApi ops, StationData data,
                    @Location("station/today.html") Template today, @Location("station/records.html") Template records,
                    @Location("station/elders.html") Template elders, @Location("station/statements.html") Template statements,
                    @Location("statement.html") Template statement) {
        this.pages = pages;
        this.ops = ops;
        this.data = data;
        this.today = today;
        this.records = records;
        this.elders = elders;
        this.statements = statements;
        this.statement = statement;
    }

    @GET
    public TemplateInstance today(@QueryParam("served") String servedId, @QueryParam("q") String q,
                                  @QueryParam("choose") boolean choose, @QueryParam("error") String error) {
        ConsoleUser u = pages.user();
        String day = StationData.today().toString();
        List<Map<String, Object>> elderList = data.elders(u);
        List<Map<String, Object>> served = ops.served(u.authorization(), u.stationId(), day);
        Map<String, Object> justServed = servedId == null ? null
                : served.stream().filter(m -> servedId.equals(String.valueOf(m.get("id")))).findFirst().orElse(null);
        List<CounterLookup.Elder> candidates = List.of();
        if (choose && q != null && CounterLookup.find(q, StationData.lookupList(elderList)) instanceof CounterLookup.Choose c) {
            candidates = c.candidates();
        }
        List<Map<String, Object>> menu = ops.menu(u.authorization(), u.stationId(), day, day);
        String meal = mealNow();
        // The first dish of the current meal is preselected; other dishes of that meal stay one tap away.
        Object selectedItem = menu.stream().filter(i -> meal.equals(i.get("meal"))).map(i -> i.get("id"))
                .findFirst().orElse(null);
        return pages.render(today).data("day", day)
                .data("menu", menu).data("selectedItem", selectedItem)
                .data("bookings", ops.bookings(u.authorization(), u.stationId(), day))
                .data("counts", ops.mealCounts(u.authorization(), u.stationId(), day))
                .data("served", served).data("justServed", justServed)
                .data("names", StationData.names(elderList)).data("candidates", candidates)
                .data("q", q).data("error", error).data("meal", meal);
    }

    /** The counter: one field finds the elder, one press records the meal. */
    @POST
    @Path("/serve")
    public Response serve(@FormParam("q") String q, @FormParam("menuItemId") String menuItemId,
                          @FormParam("meal") String meal, @FormParam("price") String price) {
        ConsoleUser u = pages.user();
        UriBuilder back = UriBuilder.fromPath("/station");
        Map<String, Object> body = new HashMap<>();
        CounterLookup.Match match = CounterLookup.find(q, StationData.lookupList(data.elders(u)));
        if (match instanceof CounterLookup.Choose) {
            return Response.seeOther(back.queryParam("q", q).queryParam("choose", true).build()).build();
        } else if (match instanceof CounterLookup.Found f) {
            body.put("elderId", f.elder().id());
        } else if (match instanceof CounterLookup.Card c) {
            body.put("cardNo", c.cardNo());
        }
        if (menuItemId != null && !menuItemId.isBlank()) {
            body.put("menuItemId", menuItemId);
        } else {
            body.put("meal", meal);
            try {
                body.put("priceFen", Formats.fen(price));
            } catch (NumberFormatException | ArithmeticException e) {
                return Response.seeOther(back.queryParam("q", q).queryParam("error", e.getMessage()).build()).build();
            }
        }
        try {
            Map<String, Object> m = ops.serve(u.authorization(), u.stationId(), body);
            return Response.seeOther(back.queryParam("served", m.get("id")).build()).build();
        } catch (ClientWebApplicationException e) {
            if (e.getResponse().getStatus() == 403 || e.getResponse().getStatus() == 401) {
                throw e;
            }
            return Response.seeOther(back.queryParam("q", q).queryParam("error", ServiceErrors.detail(e)).build()).build();
        }
    }

    @GET
    @Path("/records")
    public TemplateInstance records(@QueryParam("month") String month, @QueryParam("error") String error) {
        ConsoleUser u = pages.user();
        String m = month == null || month.isBlank() ? YearMonth.now(StationData.ZONE).toString() : YearMonth.parse(month).toString();
        List<Map<String, Object>> elderList = data.elders(u);
        return pages.render(records).data("month", m).data("elders", elderList).data("names", StationData.names(elderList))
                .data("records", ops.serviceRecords(u.authorization(), u.stationId(), m))
                .data("now", LocalDateTime.now(StationData.ZONE).withSecond(0).withNano(0).toString()).data("error", error);
    }

    @POST
    @Path("/records")
    public Response record(@FormParam("elderId") String elderId, @FormParam("kind") String kind,
                           @FormParam("startedAt") String startedAt, @FormParam("minutes") Integer minutes,
                           @FormParam("staff") String staff, @FormParam("notes") String notes) {
        ConsoleUser u = pages.user();
        Map<String, Object> body = new HashMap<>();
        body.put("elderId", elderId);
        body.put("kind", kind);
        body.put("minutes", minutes);
        body.put("staff", staff);
        body.put("notes", notes);
        UriBuilder back = UriBuilder.fromPath("/station/records");
        try {
            body.put("startedAt", LocalDateTime.parse(startedAt).atZone(StationData.ZONE).toInstant().toString());
            ops.recordService(u.authorization(), u.stationId(), body);
        } catch (java.time.format.DateTimeParseException e) {
            back.queryParam("error", e.getMessage());
        } catch (ClientWebApplicationException e) {
            if (e.getResponse().getStatus() == 403 || e.getResponse().getStatus() == 401) {
                throw e;
            }
            back.queryParam("error", ServiceErrors.detail(e));
        }
        return Response.seeOther(back.build()).build();
    }

    @GET
    @Path("/elders")
    public TemplateInstance elders() {
        ConsoleUser u = pages.user();
        Map<String, Map<String, Object>> agreementOf = new HashMap<>();
        LocalDate today = StationData.today();
        for (Map<String, Object> a : ops.agreements(u.authorization(), u.stationId())) {
            Object end = a.get("endDate");
            if (end == null || !LocalDate.parse(end.toString()).isBefore(today)) {
                agreementOf.put(String.valueOf(a.get("elderId")), a);
            }
        }
        return pages.render(elders).data("elders", data.elders(u)).data("agreements", agreementOf);
    }

    @GET
    @Path("/statements")
    public TemplateInstance statements(@QueryParam("error") String error) {
        ConsoleUser u = pages.user();
        return pages.render(statements).data("statements", ops.statementsOf(u.authorization(), u.stationId()))
                .data("lastMonth", YearMonth.now(StationData.ZONE).minusMonths(1).toString()).data("error", error);
    }

    @POST
    @Path("/statements")
    public Response draft(@FormParam("month") String month) {
        ConsoleUser u = pages.user();
        try {
            Map<String, Object> s = ops.draft(u.authorization(), u.stationId(), Map.of("month", month));
            return Response.seeOther(UriBuilder.fromPath("/station/statements/{id}").build(s.get("id"))).build();
        } catch (ClientWebApplicationException e) {
            if (e.getResponse().getStatus() == 403 || e.getResponse().getStatus() == 401) {
                throw e;
            }
            return Response.seeOther(UriBuilder.fromPath("/station/statements").queryParam("error", ServiceErrors.detail(e)).build()).build();
        }
    }

    @GET
    @Path("/statements/{id}")
    public TemplateInstance statement(@PathParam("id") String id, @QueryParam("error") String error) {
        ConsoleUser u = pages.user();
        return pages.render(statement).data("s", ops.statement(u.authorization(), id))
                .data("names", StationData.names(data.elders(u))).data("error", error).data("reviewer", false);
    }

    @POST
    @Path("/statements/{id}/submit")
    public Response submit(@PathParam("id") String id) {
        ConsoleUser u = pages.user();
        UriBuilder back = UriBuilder.fromPath("/station/statements/{id}");
        try {
            ops.submit(u.authorization(), id);
        } catch (ClientWebApplicationException e) {
            if (e.getResponse().getStatus() == 403 || e.getResponse().getStatus() == 401) {
                throw e;
            }
            back.queryParam("error", ServiceErrors.detail(e));
        }
        return Response.seeOther(back.build(id)).build();
    }

    /** The meal the counter is most likely serving now, by the district's clock. */
    static String mealNow() {
        LocalTime t = LocalTime.now(StationData.ZONE);
        return t.isBefore(LocalTime.of(10, 0)) ? "BREAKFAST" : t.isBefore(LocalTime.of(15, 0)) ? "LUNCH" : "DINNER";
    }
}
