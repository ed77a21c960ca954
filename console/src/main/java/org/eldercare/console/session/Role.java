package org.eldercare.console.session;

import java.util.Optional;

/**
 * The roles that have pages in the console, by the names the services read from the token's
 * {@code groups} claim (the same names as {@code org.eldercare.web.Roles}).
 */
public enum Role {
    BUREAU("bureau", "/bureau/alerts"),
    OPERATOR("operator", "/station"),
    DEVICE_ADMIN("device-admin", "/devices");

    private final String claim;
    private final String home;

    Role(String claim, String home) {
        this.claim = claim;
        this.home = home;
    }

    public String claim() {
        return claim;
    }

    /** The page a user of this role lands on after signing in. */
    public String home() {
        return home;
    }

    public static Optional<Role> ofClaim(String claim) {
        for (Role r : values()) {
            if (r.claim.equals(claim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
