package org.eldercare.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads who a bearer token names without checking its signature: the console uses the claims only
 * to choose pages, while every service verifies the token it receives. A token that cannot be read
 * gives no user at all.
 */
public final class TokenClaims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenClaims() {
    }

    public static Optional<ConsoleUser> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String subject = claims.path("sub").asText(null);
            if (subject == null || subject.isBlank()) {
                return Optional.empty();
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (JsonNode g : claims.path("groups")) {
                Role.ofClaim(g.asText()).ifPresent(roles::add);
            }
            String station = claims.hasNonNull("station_id") ? claims.get("station_id").asText() : null;
            Instant exp = claims.hasNonNull("exp") ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null;
            return Optional.of(new ConsoleUser(subject, roles, station, token, exp));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
