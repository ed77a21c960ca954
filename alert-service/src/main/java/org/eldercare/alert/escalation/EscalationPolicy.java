package org.eldercare.alert.escalation;

import org.eldercare.alert.alert.Severity;
import org.eldercare.alert.detection.SafeZoneRule;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is told at each tier, and when the next tier follows. Plain Java.
 * <ul>
 *   <li>Tier 1: the elder's assigned patrol visitors and the family, together.</li>
 *   <li>Tier 2 (nobody accepted after {@code tier1Delay}): the nearest on-duty visitors by their last
 *   reported location, and the station on duty (its duty users' apps and its duty phone).</li>
 *   <li>Tier 3 (still nobody after {@code tier2Delay}): the district emergency channel.</li>
 * </ul>
 * How far it usually goes depends on severity (a low battery stops at tier 1). When that usual last
 * tier is exhausted (every app recipient declined, or its delay passed with nobody accepting), the
 * alert goes on tier by tier up to {@code exhaustedUpToTier}: escalating until someone takes charge.
 */
public final class EscalationPolicy {

    /** Responders may accept, decline, report arrival and resolution. */
    public static final List<String> RESPONDER_ACTIONS = List.of("RECEIVED", "ACCEPTED", "DECLINED", "ARRIVED", "RESOLVED");
    /** Family confirm they saw it, and may take it on themselves. */
    public static final List<String> FAMILY_ACTIONS = List.of("RECEIVED", "ACCEPTED", "DECLINED");

    private final Duration tier1Delay;
    private final Duration tier2Delay;
    private final int nearestVisitors;
    private final double nearbyRadiusMeters;
    private final Duration locationFreshness;
    private final int exhaustedUpToTier;

    public EscalationPolicy(Duration tier1Delay, Duration tier2Delay, int nearestVisitors, double nearbyRadiusMeters,
                            Duration locationFreshness, int exhaustedUpToTier) {
        this.tier1Delay = tier1Delay;
        this.tier2Delay = tier2Delay;
        this.nearestVisitors = nearestVisitors;
        this.nearbyRadiusMeters = nearbyRadiusMeters;
        this.locationFreshness = locationFreshness;
        this.exhaustedUpToTier = exhaustedUpToTier;
    }

    /** The tier an alert of {@code severity} usually stops at. */
    public static int usualLastTier(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> 3;
            case MEDIUM -> 2;
            case LOW -> 1;
        };
    }

    /**
     * The last tier an alert of {@code severity} may reach: its usual last tier, or beyond it up to
     * {@code exhaustedUpToTier} (never past 3, the district emergency channel) once that is exhausted.
     */
    public int lastTier(Severity severity) {
        return Math.max(usualLastTier(severity), Math.min(3, exhaustedUpToTier));
    }

    /** Whether {@code tier} lies beyond the usual last tier of {@code severity}. */
    public static boolean beyondUsual(int tier, Severity severity) {
        return tier > usualLastTier(severity);
    }

    /** Delay after reaching {@code tier} before the next one, or null when {@code tier} is the last. */
    public Duration delayAfter(int tier, Severity severity) {
        if (tier >= lastTier(severity)) {
            return null;
        }
        return tier <= 1 ? tier1Delay : tier2Delay;
    }

    /**
     * Whether a tier has nobody left who might take the alert on: every app recipient of it (user id
     * to their latest receipt, empty when none yet) declined. Text messages and the webhook carry no
     * receipts, so they do not hold the chain; a tier without app recipients waits for its timer.
     */
    public static boolean everyoneDeclined(Map<String, String> receiptByUser) {
        return !receiptByUser.isEmpty() && receiptByUser.values().stream().allMatch("DECLINED"::equals);
    }

    /** A visitor's last reported position and duty state. */
    public record VisitorPosition(String visitorId, GeoPoint loc, boolean onDuty, long ageMillis) {
    }

    public List<Recipient> tier1(CareCircle circle) {
        Map<String, Recipient> out = new LinkedHashMap<>();
        if (circle == null) {
            return List.of();
        }
        if (circle.visitors() != null) {
            for (CareCircle.AssignedVisitor v : circle.visitors()) {
                if (v.visitorId() != null) {
                    out.putIfAbsent("APP:" + v.visitorId(), new Recipient(Recipient.Role.VISITOR, Recipient.APP,
                            v.visitorId(), v.visitorId(), RESPONDER_ACTIONS));
                }
            }
        }
        if (circle.family() != null) {
            List<CareCircle.FamilyContact> family = new ArrayList<>(circle.family());
            family.sort(Comparator.comparingInt(CareCircle.FamilyContact::priority));
            for (CareCircle.FamilyContact f : family) {
                List<String> channels = f.channels() == null || f.channels().isEmpty() ? List.of("APP", "SMS") : f.channels();
                boolean app = f.userId() != null && channels.contains("APP");
                if (app) {
                    out.putIfAbsent("APP:" + f.userId(), new Recipient(Recipient.Role.FAMILY, Recipient.APP, f.userId(),
                            f.userId(), FAMILY_ACTIONS));
                }
                // No app, or SMS asked for: a text message (receipts cannot come back that way).
                if (f.phone() != null && (!app || channels.contains("SMS"))) {
                    out.putIfAbsent("SMS:" + f.phone(), new Recipient(Recipient.Role.FAMILY, Recipient.SMS, f.phone(),
                            f.userId(), List.of()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    public List<Recipient> tier2(CareCircle circle, GeoPoint where, List<VisitorPosition> positions, Set<String> alreadyNotified) {
        List<Recipient> out = new ArrayList<>();
        if (where != null) {
            positions.stream()
                    .filter(p -> p.onDuty() && p.loc() != null && p.ageMillis() <= locationFreshness.toMillis())
                    .filter(p -> !alreadyNotified.contains(p.visitorId()))
                    .map(p -> Map.entry(p, SafeZoneRule.distanceMeters(where, p.loc())))
                    .filter(e -> e.getValue() <= nearbyRadiusMeters)
                    .sorted(Map.Entry.comparingByValue())
                    .limit(nearestVisitors)
                    .forEach(e -> out.add(new Recipient(Recipient.Role.NEARBY_VISITOR, Recipient.APP, e.getKey().visitorId(),
                            e.getKey().visitorId(), RESPONDER_ACTIONS)));
        }
        if (circle != null && circle.station() != null) {
            CareCircle.StationOnDuty s = circle.station();
            if (s.dutyUserIds() != null) {
                for (String u : s.dutyUserIds()) {
                    if (!alreadyNotified.contains(u)) {
                        out.add(new Recipient(Recipient.Role.STATION, Recipient.APP, u, u, RESPONDER_ACTIONS));
                    }
                }
            }
            if (s.dutyPhone() != null) {
                out.add(new Recipient(Recipient.Role.STATION, Recipient.SMS, s.dutyPhone(), null, List.of()));
            }
        }
        return out;
    }

    public List<Recipient> tier3(String emergencyPhone) {
        List<Recipient> out = new ArrayList<>();
        out.add(new Recipient(Recipient.Role.EMERGENCY, Recipient.WEBHOOK, "district-emergency", null, List.of()));
        if (emergencyPhone != null && !emergencyPhone.isBlank()) {
            out.add(new Recipient(Recipient.Role.EMERGENCY, Recipient.SMS, emergencyPhone, null, List.of()));
        }
        return out;
    }

    /** The position to search from: where the event was, else the elder's home. */
    public static GeoPoint whereToGo(GeoPoint eventLoc, CareCircle circle) {
        if (eventLoc != null) {
            return eventLoc;
        }
        return circle == null ? null : circle.home();
    }
}
