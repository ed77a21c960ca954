package org.eldercare.contracts;

/** A WGS-84 position in degrees with its accuracy in metres (may be null). */
public record GeoPoint(double lat, double lon, Double acc) {
}
