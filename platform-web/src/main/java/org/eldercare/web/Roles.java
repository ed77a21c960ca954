package org.eldercare.web;

/** The platform's roles, as carried in the {@code groups} claim of a bearer token. */
public final class Roles {
    /** District civil-affairs bureau administration: sees and approves everything in the district. */
    public static final String BUREAU = "bureau";
    /** A station operator; the token carries the station in the {@code station_id} claim. */
    public static final String OPERATOR = "operator";
    /** A patrol visitor; the token's subject is the visitor id. */
    public static final String VISITOR = "visitor";
    /** A family member of an elder; the token's subject is the user id. */
    public static final String FAMILY = "family";
    /** Provisions and watches over devices. */
    public static final String DEVICE_ADMIN = "device-admin";
    /** Another platform service calling on its own behalf (not a person). */
    public static final String SERVICE = "service";

    /** Claim naming the station an operator works for. */
    public static final String STATION_CLAIM = "station_id";

    private Roles() {
    }
}
