package org.eldercare.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The console's own settings (application.properties, env variables in brackets there). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** The development sign-in page that mints demo tokens: never on in production. */
    @WithDefault("false")
    boolean devSignIn();

    /** Sign-in through the OIDC provider (code flow); needs quarkus.oidc.tenant-enabled=true. */
    @WithDefault("false")
    boolean oidc();

    /** Secret the session cookie is sealed with; random per process when unset. */
    Optional<String> sessionSecret();

    /** How long a development sign-in lasts. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** The district whose streets the bed coverage page shows (bed-registry area id). */
    @WithDefault("demo")
    String districtAreaId();

    /** How often the alert board asks the alert service for changes, per open board. */
    @WithDefault("2s")
    Duration boardPoll();
}
