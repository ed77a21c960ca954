package org.eldercare.visits.visit;

import org.eldercare.visits.geo.Geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders a visitor's elders for the day: by priority tier first (an elder in an alert dispatched to
 * the visitor, then overdue visits, then high-risk elders, then the rest), and inside a tier as a
 * walking route, always going on to the nearest elder not yet visited (nearest neighbour: not optimal,
 * but a day has a dozen stops, and it is what a visitor would do by eye).
 */
public final class RoutePlanner {

    public record Stop(String elderId, int tier, double lat, double lon) {
    }

    public record Leg(Stop stop, int order, Integer distanceMeters) {
    }

    private RoutePlanner() {
    }

    /** @param startLat the visitor's position, or null to start at the first stop of the top tier */
    public static List<Leg> order(List<Stop> stops, Double startLat, Double startLon) {
        Map<Integer, List<Stop>> tiers = new TreeMap<>();
        for (Stop s : stops) {
            tiers.computeIfAbsent(s.tier(), t -> new ArrayList<>()).add(s);
        }
        List<Leg> out = new ArrayList<>();
        Double lat = startLat;
        Double lon = startLon;
        for (List<Stop> tier : tiers.values()) {
            List<Stop> left = new ArrayList<>(tier);
            left.sort(Comparator.comparing(Stop::elderId));
            while (!left.isEmpty()) {
                Stop next;
                Integer distance = null;
                if (lat == null) {
                    next = left.get(0);
                } else {
                    double fLat = lat;
                    double fLon = lon;
                    next = left.stream()
                            .min(Comparator.comparingDouble((Stop s) -> Geo.distanceMeters(fLat, fLon, s.lat(), s.lon()))
                                    .thenComparing(Stop::elderId))
                            .orElseThrow();
                    distance = (int) Math.round(Geo.distanceMeters(fLat, fLon, next.lat(), next.lon()));
                }
                left.remove(next);
                out.add(new Leg(next, out.size() + 1, distance));
                lat = next.lat();
                lon = next.lon();
            }
        }
        return out;
    }
}
