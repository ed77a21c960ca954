package org.eldercare.console.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Map;

/**
 * A service's refusal shown as a page: 401 (the token ran out) back to sign-in, 403 as the 403 page
 * (the service decided, the console does not second-guess it), anything else with the service's
 * problem detail.
 */
public class ServiceErrors {

    private final Pages pages;
    private final Template forbidden;
    private final Template error;

    ServiceErrors(Pages pages, @Location("forbidden.html") Template forbidden, @Location("error.html") Template error) {
        this.pages = pages;
        this.forbidden = forbidden;
        this.error = error;
    }

    @ServerExceptionMapper
    public Response serviceRefused(ClientWebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return Response.seeOther(URI.create("/signin?expired=true")).build();
        }
        if (status == 403) {
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                    .entity(pages.render(forbidden).data("needed", null).data("detail", detail(e)).render()).build();
        }
        return Response.status(status == 404 ? 404 : 502).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.render(error).data("status", status).data("detail", detail(e)).render()).build();
    }

    @ServerExceptionMapper
    public Response unreachable(jakarta.ws.rs.ProcessingException e) {
        return Response.status(502).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.render(error).data("status", 502).data("detail", String.valueOf(e.getMessage())).render()).build();
    }

    /** The problem document's detail of a service's error answer, or its status line. */
    public static String detail(WebApplicationException e) {
        Response r = e.getResponse();
        try {
            if (r.hasEntity()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> problem = r.readEntity(Map.class);
                Object d = problem.get("detail");
                if (d != null) {
                    return d.toString();
                }
            }
        } catch (RuntimeException ignored) {
            // not a problem document: fall back to the status
        }
        return r.getStatus() + " " + r.getStatusInfo().getReasonPhrase();
    }
}
