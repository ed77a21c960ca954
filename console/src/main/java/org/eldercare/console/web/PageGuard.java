package org.eldercare.console.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.CurrentUser;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Optional;

/**
 * Before any page of a role: not signed in (or the token expired) leads to the sign-in page; a
 * user without the page's role gets the 403 page and the service is never called.
 */
public class PageGuard {

    private final CurrentUser currentUser;
    private final Pages pages;
    private final Template forbidden;

    PageGuard(CurrentUser currentUser, Pages pages, @Location("forbidden.html") Template forbidden) {
        this.currentUser = currentUser;
        this.pages = pages;
        this.forbidden = forbidden;
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext ctx, ResourceInfo resource) {
        RolePage page = resource.getResourceClass() == null ? null : resource.getResourceClass().getAnnotation(RolePage.class);
        if (page == null) {
            return Optional.empty();
        }
        Optional<ConsoleUser> user = currentUser.get();
        if (user.isEmpty()) {
            if (ctx.getMediaType() == null && ctx.getAcceptableMediaTypes().contains(MediaType.SERVER_SENT_EVENTS_TYPE)) {
                return Optional.of(Response.status(401).build());
            }
            return Optional.of(Response.seeOther(URI.create("/signin")).build());
        }
        if (!user.get().has(page.value())) {
            return Optional.of(Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                    .entity(pages.render(forbidden).data("needed", page.value().claim()).render()).build());
        }
        return Optional.empty();
    }
}
