package org.eldercare.console.bureau;

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
import org.eldercare.console.ConsoleConfig;
import org.eldercare.console.charts.SvgChart;
import org.eldercare.console.services.AlertServiceApi;
import org.eldercare.console.services.BedRegistryApi;
import org.eldercare.console.services.StationOpsApi;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.Role;
import org.eldercare.console.web.Pages;
import org.eldercare.console.web.RolePage;
import org.eldercare.console.web.ServiceErrors;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bureau's pages besides the board: bed coverage, alert statistics, subsidy approvals. */
@Path("/bureau")
@RolePage(Role.BUREAU)
@Produces(MediaType.TEXT_HTML)
public class BureauResource {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Pages pages;
    private final ConsoleConfig config;
    private final BedRegistryApi beds;
    private final AlertServiceApi alerts;
    private final StationOpsApi ops;
    private final Template coverage;
    private final Template statistics;
    private final Template queue;
    private final Template statement;

    BureauResource(Pages pages, ConsoleConfig config, @RestClient BedRegistryApi beds, @RestClient AlertServiceApi alerts,
                   @RestClient StationOpsApi ops, @Location("bureau/coverage.html") Template coverage,
                   @Location("bureau/statistics.html") Template statistics, @Location("bureau/statements.html") Template queue,
                   @Location("statement.html") Template statement) {
        this.pages = pages;
        this.config = config;
        this.beds = beds;
        this.alerts = alerts;
        this.ops = ops;
        this.coverage = coverage;
        this.statistics = statistics;
        this.queue = queue;
        this.statement = statement;
    }

    @GET
    @Path("/coverage")
    @SuppressWarnings("unchecked")
    public TemplateInstance coverage() {
        ConsoleUser u = pages.user();
        String area = config.districtAreaId();
        Map<String, Object> report = beds.coverage(u.authorization(), area);
        Map<String, Object> district = (Map<String, Object>) report.get("coverage");
        List<Map<String, Object>> streets = district == null ? List.of() : (List<Map<String, Object>>) district.get("children");
        Double target = number(district == null ? null : district.get("targetBedsPer1000"));
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (Map<String, Object> s : streets) {
            Double per1000 = number(s.get("bedsPer1000"));
            Object gap = s.get("bedsGap");
            bars.add(new SvgChart.Bar(String.valueOf(s.get("name")), per1000 == null ? 0 : per1000,
                    gap == null || ((Number) gap).longValue() == 0 ? null : "−" + gap));
        }
        List<SvgChart.Point> trend = new ArrayList<>();
        for (Map<String, Object> p : beds.trend(u.authorization(), area)) {
            Map<String, Object> c = (Map<String, Object>) p.get("coverage");
            trend.add(new SvgChart.Point(String.valueOf(p.get("month")).substring(2), number(c == null ? null : c.get("bedsPer1000"))));
        }
        String targetLabel = target == null ? "" : SvgChartLabels.target(pages.locale(), target);
        return pages.render(coverage).data("report", report).data("district", district).data("streets", streets)
                .data("barChart", SvgChart.bars(bars, target, targetLabel))
                .data("trendChart", SvgChart.line(trend, target, targetLabel));
    }

    @GET
    @Path("/statistics")
    public TemplateInstance statistics(@QueryParam("days") Integer days) {
        ConsoleUser u = pages.user();
        int d = days == null || days < 1 || days > 366 ? 30 : days;
        LocalDate today = LocalDate.now(ZONE);
        String from = today.minusDays(d - 1L).atStartOfDay(ZONE).toInstant().toString();
        String to = today.plusDays(1).atStartOfDay(ZONE).toInstant().toString();
        List<Map<String, Object>> rows = alerts.statistics(u.authorization(), from, to, null);
        List<SvgChart.Bar> bars = rows.stream().map(r -> new SvgChart.Bar(String.valueOf(r.get("street")),
                r.get("closeRate") == null ? 0 : ((Number) r.get("closeRate")).doubleValue() * 100, "%")).toList();
        return pages.render(statistics).data("rows", rows).data("days", d)
                .data("chart", SvgChart.bars(bars, null, ""));
    }

    @GET
    @Path("/statements")
    public TemplateInstance statements() {
        ConsoleUser u = pages.user();
        return pages.render(queue).data("statements", ops.statements(u.authorization(), "SUBMITTED"));
    }

    @GET
    @Path("/statements/{id}")
    public TemplateInstance statement(@PathParam("id") String id, @QueryParam("error") String error) {
        ConsoleUser u = pages.user();
        return pages.render(statement).data("s", ops.statement(u.authorization(), id)).data("names", new java.util.HashMap<String, String>())
                .data("error", error).data("reviewer", true);
    }

    @POST
    @Path("/statements/{id}/approve")
    public Response approve(@PathParam("id") String id) {
        return decide(id, () -> ops.approve(pages.user().authorization(), id));
    }

    @POST
    @Path("/statements/{id}/reject")
    public Response reject(@PathParam("id") String id, @FormParam("reason") String reason) {
        return decide(id, () -> ops.reject(pages.user().authorization(), id, Map.of("reason", reason == null ? "" : reason)));
    }

    private Response decide(String id, Runnable call) {
        UriBuilder back = UriBuilder.fromPath("/bureau/statements/{id}");
        try {
            call.run();
        } catch (ClientWebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw e;
            }
            back.queryParam("error", ServiceErrors.detail(e));
        }
        return Response.seeOther(back.build(id)).build();
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : o == null ? null : Double.valueOf(o.toString());
    }
}
