package org.eldercare.console.devices;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.services.DeviceGatewayApi;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.Role;
import org.eldercare.console.web.Pages;
import org.eldercare.console.web.RolePage;
import org.eldercare.console.web.ServiceErrors;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A device admin's pages: watches with their state, provisioning, rejected messages. */
@Path("/devices")
@RolePage(Role.DEVICE_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class DeviceAdminResource {

    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final DeviceGatewayApi gateway;
    private final Template list;
    private final Template provision;
    private final Template rejects;

    DeviceAdminResource(Pages pages, @RestClient DeviceGatewayApi gateway, @Location("devices/list.html") Template list,
                        @Location("devices/provision.html") Template provision, @Location("devices/rejects.html") Template rejects) {
        this.pages = pages;
        this.gateway = gateway;
        this.list = list;
        this.provision = provision;
        this.rejects = rejects;
    }

    @GET
    @SuppressWarnings("unchecked")
    public TemplateInstance devices(@QueryParam("page") Integer page, @QueryParam("elderId") String elderId) {
        ConsoleUser u = pages.user();
        int p = page == null || page < 0 ? 0 : page;
        List<Map<String, Object>> devices = (List<Map<String, Object>>) gateway.devices(u.authorization(), blank(elderId), p, PAGE_SIZE).get("items");
        // One call for the page's watches (the page holds at most PAGE_SIZE, well under the gateway's 500).
        Map<String, Map<String, Object>> state = new HashMap<>();
        if (!devices.isEmpty()) {
            String ids = devices.stream().map(d -> String.valueOf(d.get("deviceId"))).collect(Collectors.joining(","));
            for (Map<String, Object> s : gateway.states(u.authorization(), ids)) {
                state.put(String.valueOf(s.get("deviceId")), s);
            }
        }
        long online = state.values().stream().filter(s -> Boolean.TRUE.equals(s.get("online"))).count();
        return pages.render(list).data("devices", devices).data("state", state).data("page", p)
                .data("online", online).data("more", devices.size() == PAGE_SIZE).data("elderId", blank(elderId));
    }

    @GET
    @Path("/provision")
    public TemplateInstance provisionForm() {
        return pages.render(provision).data("created", null).data("error", null);
    }

    /** The answer page is the only place the secret is ever shown: not stored, not cached, not in a URL. */
    @POST
    @Path("/provision")
    public Response provision(@FormParam("model") String model, @FormParam("firmware") String firmware,
                              @FormParam("serial") String serial, @FormParam("imei") String imei,
                              @FormParam("deviceId") String deviceId) {
        ConsoleUser u = pages.user();
        Map<String, Object> body = new LinkedHashMap<>();
        putIfGiven(body, "deviceId", deviceId);
        putIfGiven(body, "model", model);
        putIfGiven(body, "firmware", firmware);
        putIfGiven(body, "serial", serial);
        putIfGiven(body, "imei", imei);
        Map<String, Object> created = null;
        String error = null;
        try {
            created = gateway.provision(u.authorization(), body);
        } catch (ClientWebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                throw e;
            }
            error = ServiceErrors.detail(e);
        }
        return Response.status(created == null ? 422 : 200).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(pages.render(provision).data("created", created).data("error", error).data("form", body).render()).build();
    }

    @GET
    @Path("/rejects")
    @SuppressWarnings("unchecked")
    public TemplateInstance rejects(@QueryParam("deviceId") String deviceId, @QueryParam("reason") String reason) {
        ConsoleUser u = pages.user();
        String d = blank(deviceId);
        String r = blank(reason);
        List<Map<String, Object>> summary = d == null ? gateway.rejectSummary(u.authorization())
                : gateway.deviceRejectSummary(u.authorization(), d);
        Map<String, Long> byReason = new TreeMap<>();
        for (Map<String, Object> s : summary) {
            byReason.merge(String.valueOf(s.get("reason")), ((Number) s.get("count")).longValue(), Long::sum);
        }
        List<Map<String, Object>> recent = (d == null && r == null) ? List.of()
                : new ArrayList<>((List<Map<String, Object>>) gateway.rejects(u.authorization(), d, r, 50).get("items"));
        return pages.render(rejects).data("summary", summary).data("byReason", byReason).data("recent", recent)
                .data("deviceId", d).data("reason", r);
    }

    private static void putIfGiven(Map<String, Object> body, String key, String value) {
        if (value != null && !value.isBlank()) {
            body.put(key, value.strip());
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
