package org.eldercare.console.session;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eldercare.console.ConsoleConfig;

import java.util.Optional;

/**
 * The development sign-in's session: the bearer token sealed into an HttpOnly, SameSite=Strict
 * cookie (SameSite keeps other sites from posting the console's forms with it).
 */
@ApplicationScoped
public class SessionCookies {

    private final SessionSeal seal;
    private final ConsoleConfig config;

    SessionCookies(ConsoleConfig config) {
        this.config = config;
        String secret = config.sessionSecret().filter(s -> !s.isBlank()).orElseGet(() -> {
            if (config.devSignIn()) {
                Log.info("console.session-secret is not set: sessions are sealed with a random key and end when the console restarts");
            }
            return SessionSeal.randomSecret();
        });
        this.seal = new SessionSeal(secret);
    }

    public NewCookie issue(String bearerToken) {
        return cookie(seal.seal(bearerToken), (int) config.sessionLifetime().toSeconds());
    }

    public NewCookie clear() {
        return cookie("", 0);
    }

    Optional<String> open(String value) {
        return seal.open(value);
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(CurrentUser.COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
