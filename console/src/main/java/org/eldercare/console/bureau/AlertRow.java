package org.eldercare.console.bureau;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the alert board, built from alert-service's alert and its detail: how severe, whose,
 * since when, who was told, who took it and where it stands in the district's closed loop.
 */
public record AlertRow(String id, String severity, String kind, String elderId, String elderName, String state,
                       String openedAt, int tier, List<Notified> notified, String acceptedBy, int stage,
                       String fingerprint) {

    /** The closed loop in order; CANCELLED stands outside it. */
    public static final List<String> LOOP = List.of("REPORTED", "DISPATCHED", "ACCEPTED", "ARRIVED", "RESOLVED",
            "VERIFIED", "CLOSED");

    /** Someone the alert went to: their role, who (user id, or the phone/address of SMS and webhook), their answer. */
    public record Notified(String role, String who, String receipt) {
    }

    public static AlertRow of(Map<String, Object> alert, Map<String, Object> detail, String elderName) {
        String state = text(alert.get("state"));
        return new AlertRow(text(alert.get("id")), text(alert.get("severity")), text(alert.get("kind")),
                text(alert.get("elderId")), elderName, state, text(alert.get("openedAt")),
                alert.get("tier") instanceof Number n ? n.intValue() : 0, notified(detail), text(alert.get("acceptedBy")),
                LOOP.indexOf(state), fingerprint(alert));
    }

    /**
     * What changes when the alert moves: its state, tier, acceptor, repeats and last sighting. Two
     * polls with the same fingerprint show the same row, so only changed rows are fetched and pushed.
     */
    public static String fingerprint(Map<String, Object> alert) {
        return String.join("|", text(alert.get("state")), text(alert.get("tier")), text(alert.get("acceptedBy")),
                text(alert.get("repeatCount")), text(alert.get("lastSeenAt")));
    }

    public boolean cancelled() {
        return "CANCELLED".equals(state);
    }

    public boolean open() {
        return stage >= 0 && stage <= LOOP.indexOf("ARRIVED");
    }

    /** The loop's steps with whether this alert has reached each, for the step bar. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < LOOP.size(); i++) {
            steps.add(new Step(LOOP.get(i), stage >= i, stage == i));
        }
        return steps;
    }

    public record Step(String state, boolean reached, boolean current) {
    }

    @SuppressWarnings("unchecked")
    private static List<Notified> notified(Map<String, Object> detail) {
        if (detail == null || !(detail.get("notifications") instanceof List<?> list)) {
            return List.of();
        }
        Map<String, Notified> unique = new LinkedHashMap<>();
        for (Object o : list) {
            Map<String, Object> n = (Map<String, Object>) o;
            String who = n.get("userId") != null ? text(n.get("userId")) : text(n.get("address"));
            String key = text(n.get("role")) + "/" + who;
            Notified current = new Notified(text(n.get("role")), who, n.get("receipt") == null ? null : text(n.get("receipt")));
            // the same person notified twice (a repeat, another channel): keep the answer if any
            unique.merge(key, current, (a, b) -> a.receipt() != null ? a : b);
        }
        return List.copyOf(unique.values());
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
