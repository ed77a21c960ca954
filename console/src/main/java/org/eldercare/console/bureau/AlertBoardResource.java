package org.eldercare.console.bureau;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.ConsoleConfig;
import org.eldercare.console.services.AlertServiceApi;
import org.eldercare.console.session.ConsoleUser;
import org.eldercare.console.session.Role;
import org.eldercare.console.web.Pages;
import org.eldercare.console.web.RolePage;
import org.eldercare.console.web.ServiceErrors;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bureau's live alert board. The browser opens a server-sent event stream; for each open
 * board the console asks alert-service with the viewer's token every {@code console.board-poll}
 * and pushes only the rows that changed. A click on a row opens the alert's full timeline.
 */
@Path("/bureau/alerts")
@RolePage(Role.BUREAU)
@Produces(MediaType.TEXT_HTML)
public class AlertBoardResource {

    private static final Set<String> ACTIONS = Set.of("accept", "arrive", "resolve", "verify", "close", "cancel");

    private final Pages pages;
    private final AlertBoard board;
    private final AlertServiceApi alerts;
    private final ConsoleConfig config;
    private final Template page;
    private final Template row;
    private final Template detail;

    AlertBoardResource(Pages pages, AlertBoard board, @RestClient AlertServiceApi alerts, ConsoleConfig config,
                       @Location("bureau/alerts.html") Template page, @Location("bureau/alert-row.html") Template row,
                       @Location("bureau/alert.html") Template detail) {
        this.pages = pages;
        this.board = board;
        this.alerts = alerts;
        this.config = config;
        this.page = page;
        this.row = row;
        this.detail = detail;
    }

    @GET
    public TemplateInstance board() {
        return pages.render(page);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        ConsoleUser user = pages.user();
        Locale locale = pages.locale();
        BoardFeed feed = new BoardFeed(board, user,
                r -> row.data("row", r).setAttribute("locale", locale).render());
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(config.boardPoll())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(feed::poll)
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        // a failed poll (service restarting) is skipped; the next one catches up
                        .onFailure(e -> !(e instanceof ClientWebApplicationException cwe && cwe.getResponse().getStatus() == 401))
                        .recoverWithItem(List.of()))
                .onItem().transformToIterable(changes -> changes)
                .map(c -> sse.newEventBuilder().name(c.kind()).id(c.id()).data(c.html()).build());
    }

    @GET
    @Path("/{id}")
    public TemplateInstance alert(@PathParam("id") String id, @QueryParam("error") String error) {
        ConsoleUser user = pages.user();
        Map<String, Object> d = board.detail(user, id);
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) d.get("alert");
        AlertRow r = AlertRow.of(a, d, board.elderName(user, String.valueOf(a.get("elderId"))));
        return pages.render(detail).data("row", r).data("alert", a).data("detail", d).data("error", error);
    }

    @POST
    @Path("/{id}/{action}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action, @FormParam("note") String note) {
        if (!ACTIONS.contains(action)) {
            return Response.status(404).build();
        }
        UriBuilder back = UriBuilder.fromPath("/bureau/alerts/{id}");
        try {
            Map<String, Object> body = new HashMap<>();
            if (note != null && !note.isBlank()) {
                body.put("note", note.strip());
            }
            alerts.act(pages.user().authorization(), id, action, body);
        } catch (ClientWebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status != 400 && status != 409) {
                throw e;
            }
            back.queryParam("error", ServiceErrors.detail(e));
        }
        return Response.seeOther(back.build(id)).build();
    }
}
