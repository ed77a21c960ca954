package org.eldercare.console.session;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import org.eldercare.console.ConsoleConfig;

import java.time.Instant;
import java.util.Optional;

/**
 * The signed-in user of this request: from the sealed session cookie of the development sign-in,
 * or from the access token of the OIDC session. Nothing else makes a user.
 */
@RequestScoped
public class CurrentUser {

    public static final String COOKIE = "console_session";

    private final CurrentVertxRequest request;
    private final SecurityIdentity identity;
    private final SessionCookies cookies;
    private final ConsoleConfig config;
    private Optional<ConsoleUser> user;

    CurrentUser(CurrentVertxRequest request, SecurityIdentity identity, SessionCookies cookies, ConsoleConfig config) {
        this.request = request;
        this.identity = identity;
        this.cookies = cookies;
        this.config = config;
    }

    public Optional<ConsoleUser> get() {
        if (user == null) {
            user = resolve().filter(u -> !u.expired(Instant.now()));
        }
        return user;
    }

    private Optional<ConsoleUser> resolve() {
        if (config.oidc() && identity != null && !identity.isAnonymous()) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null) {
                return TokenClaims.read(token.getToken());
            }
        }
        if (config.devSignIn() && request.getCurrent() != null) {
            Cookie c = request.getCurrent().request().getCookie(COOKIE);
            if (c != null) {
                return cookies.open(c.getValue()).flatMap(TokenClaims::read);
            }
        }
        return Optional.empty();
    }
}
