package org.eldercare.alert.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eldercare.alert.AfterCommit;
import org.eldercare.alert.AlertSettings;
import org.eldercare.alert.notification.HttpPoster;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to visit-service: dispatch grants (a visitor sent to an elder outside their assignment may
 * read the elder) and the care-circle snapshots for reconciliation. Authenticates with a configured
 * service token; without one, and only where a signing key is configured (dev and test), mints a
 * short-lived service token itself.
 */
@ApplicationScoped
public class VisitServiceClient {

    private static final Logger LOG = Logger.getLogger(VisitServiceClient.class);

    private final HttpPoster http;
    private final ObjectMapper json;
    private final AlertSettings settings;
    private final String baseUrl;
    private final Optional<String> token;
    private final Optional<String> signingKey;

    public VisitServiceClient(HttpPoster http, ObjectMapper json, AlertSettings settings,
                              @ConfigProperty(name = "eldercare.visit-service.url", defaultValue = "http://127.0.0.1:8083") String baseUrl,
                              @ConfigProperty(name = "eldercare.visit-service.token") Optional<String> token,
                              @ConfigProperty(name = "eldercare.visit-service.dev-signing-key") Optional<String> signingKey) {
        this.http = http;
        this.json = json;
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.token = token;
        this.signingKey = signingKey;
    }

    public Optional<String> bearer() {
        if (token.isPresent()) {
            return token.map(t -> "Bearer " + t);
        }
        try {
            return signingKey.map(key -> "Bearer " + Jwt.issuer("eldercare-dev").subject("alert-service").upn("alert-service")
                    .groups("service").expiresIn(Duration.ofMinutes(10)).jws().keyId("eldercare-dev-1").sign(key));
        } catch (RuntimeException e) {
            // No usable key (e.g. not on the classpath): calls to visit-service are skipped, alerting is unaffected.
            LOG.debugf("cannot mint a visit-service token: %s", e.getMessage());
            return Optional.empty();
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Best effort: a failure is logged and never holds up the alert. */
    public Uni<Void> grant(AfterCommit.Grant g) {
        Optional<String> auth = bearer();
        if (auth.isEmpty()) {
            LOG.debugf("no visit-service credentials: dispatch grant for %s skipped", g.visitorId());
            return Uni.createFrom().voidItem();
        }
        String body;
        try {
            body = json.writeValueAsString(Map.of("elderId", g.elderId(), "visitorId", g.visitorId(), "alertId", g.alertId().toString(),
                    "until", Instant.now().plus(settings.escalation().grantFor()).toString()));
        } catch (Exception e) {
            return Uni.createFrom().voidItem();
        }
        return http.post(baseUrl + "/api/dispatch-grants", body, Map.of("Authorization", auth.get()))
                .invoke(a -> {
                    if (!a.ok()) {
                        LOG.warnf("visit-service refused the dispatch grant for %s: HTTP %d", g.visitorId(), a.status());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("visit-service unreachable for a dispatch grant: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** GET with the service's credentials; fails on a non-2xx answer. */
    public Uni<String> get(String url) {
        Optional<String> auth = bearer();
        return http.get(url, auth.map(a -> Map.of("Authorization", a)).orElse(Map.of())).map(a -> {
            if (!a.ok()) {
                throw new IllegalStateException("visit-service answered HTTP " + a.status() + " to " + url);
            }
            return a.body();
        });
    }
}
