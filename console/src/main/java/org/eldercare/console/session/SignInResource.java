package org.eldercare.console.session;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eldercare.console.ConsoleConfig;
import org.eldercare.console.services.StationOpsApi;
import org.eldercare.console.services.VisitServiceApi;
import org.eldercare.console.web.Pages;
import org.eldercare.devtokens.DevTokens;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signing in and out. Locally: a page to pick a demo user of each role, whose token is minted with
 * the development key ({@code console.dev-sign-in}). In production: the OIDC provider's code flow
 * ({@code console.oidc}), the dev page answering 404.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final ConsoleConfig config;
    private final CurrentUser currentUser;
    private final SessionCookies cookies;
    private final Pages pages;
    private final Template signin;
    private final Template forbidden;
    private final StationOpsApi stationOps;
    private final VisitServiceApi visits;

    SignInResource(ConsoleConfig config, CurrentUser currentUser, SessionCookies cookies, Pages pages,
                   @Location("signin.html") Template signin, @Location("forbidden.html") Template forbidden,
                   @RestClient StationOpsApi stationOps,
                   @RestClient VisitServiceApi visits) {
        this.config = config;
        this.currentUser = currentUser;
        this.cookies = cookies;
        this.pages = pages;
        this.signin = signin;
        this.forbidden = forbidden;
        this.stationOps = stationOps;
        this.visits = visits;
    }

    @GET
    public Response home() {
        return currentUser.get().map(u -> u.primaryRole() == null
                        // signed in (through the provider) with no role that has pages here
                        ? Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(pages.render(forbidden).render()).build()
                        : Response.seeOther(URI.create(u.primaryRole().home())).build())
                .orElseGet(() -> Response.seeOther(URI.create("/signin")).build());
    }

    @GET
    @Path("signin")
    public TemplateInstance page(@QueryParam("expired") boolean expired) {
        return pages.render(signin).data("dev", config.devSignIn()).data("oidc", config.oidc())
                .data("expired", expired).data("stations", config.devSignIn() ? demoStations() : List.of());
    }

    @POST
    @Path("signin/dev")
    public Response devSignIn(@FormParam("role") String role, @FormParam("station") String station) {
        if (!config.devSignIn()) {
            throw new NotFoundException();
        }
        Role r = Role.ofClaim(role).orElseThrow(() -> new NotFoundException("no role " + role));
        String token = switch (r) {
            case BUREAU -> DevTokens.mint("bureau-demo", Map.of(), config.sessionLifetime(), r.claim());
            case DEVICE_ADMIN -> DevTokens.mint("device-admin-demo", Map.of(), config.sessionLifetime(), r.claim());
            case OPERATOR -> {
                if (station == null || !station.matches("[A-Za-z0-9_.-]{1,64}")) {
                    throw new NotFoundException("an operator needs a station");
                }
                yield DevTokens.mint("operator-" + station, Map.of("station_id", station), config.sessionLifetime(), r.claim());
            }
        };
        return Response.seeOther(URI.create(r.home())).cookie(cookies.issue(token)).build();
    }

    /** Protected: reaching it runs the OIDC code flow; back here signed in, on to the user's pages. */
    @GET
    @Path("signin/oidc")
    @Authenticated
    public Response oidcSignIn() {
        return home();
    }

    /** Ends the development session; an OIDC session goes on to the provider's logout (quarkus.oidc.logout.path). */
    @POST
    @Path("signout")
    public Response signOut() {
        return Response.seeOther(URI.create(config.oidc() ? "/signout/oidc" : "/signin")).cookie(cookies.clear()).build();
    }

    @GET
    @Path("lang/{lang}")
    public Response language(@PathParam("lang") String lang, @QueryParam("back") String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
        NewCookie c = new NewCookie.Builder(Pages.LANG_COOKIE).value("en".equals(lang) ? "en" : "zh").path("/")
                .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(c).build();
    }

    /**
     * Stations to sign in as their operator (development only): those station-ops runs, and those
     * the district registered in visit-service, by id.
     */
    private List<Map<String, Object>> demoStations() {
        String bureau = "Bearer " + DevTokens.mint("console-sign-in", "bureau");
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        try {
            stationOps.stations(bureau).forEach(s -> byId.put(String.valueOf(s.get("id")), Map.of("id", s.get("id"), "name", s.get("name"))));
        } catch (RuntimeException e) {
            Log.debugf("station-ops not reachable for the demo station list: %s", e.getMessage());
        }
        try {
            visits.stations(bureau).forEach(s -> byId.putIfAbsent(String.valueOf(s.get("stationId")),
                    Map.of("id", s.get("stationId"), "name", s.get("name"))));
        } catch (RuntimeException e) {
            Log.debugf("visit-service not reachable for the demo station list: %s", e.getMessage());
        }
        return List.copyOf(byId.values());
    }
}
