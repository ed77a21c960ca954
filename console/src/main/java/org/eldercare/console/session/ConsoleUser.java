package org.eldercare.console.session;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is signed in, as read from their bearer token: the console shows pages by these roles and
 * passes the very same token on to the services, which decide what the user may do.
 */
public record ConsoleUser(String subject, Set<Role> roles, String stationId, String bearerToken, Instant expiresAt) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The first of the user's console roles, for the landing page; null when they have none. */
    public Role primaryRole() {
        return roles.isEmpty() ? null : EnumSet.copyOf(roles).iterator().next();
    }

    /** For templates: which navigation to show. */
    public boolean bureau() {
        return has(Role.BUREAU);
    }

    public boolean operator() {
        return has(Role.OPERATOR);
    }

    public boolean deviceAdmin() {
        return has(Role.DEVICE_ADMIN);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The value of an Authorization header carrying the user's token. */
    public String authorization() {
        return "Bearer " + bearerToken;
    }
}
