package org.eldercare.web;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read once from the verified token: the subject, the roles and, for operators,
 * the station. Services decide what the caller may see from this, never from request parameters.
 */
public record Caller(String subject, java.util.Set<String> roles, String stationId) {

    public static Caller of(SecurityIdentity identity) {
        String station = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(Roles.STATION_CLAIM);
            station = claim == null ? null : claim.toString().replace("\"", "");
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles(), station);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }
}
