package org.eldercare.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Everything the alert service needs to know about an elder to alert the right people, published by
 * visit-service on {@code care-circle/{elderId}} after every change (and fetchable in bulk), so that
 * alerts still go out while visit-service is down. {@code version} grows with each change; a
 * consumer ignores a snapshot older than the one it holds. {@code active=false} means the elder left
 * the programme (moved away, died, withdrew consent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CareCircle(
        String elderId,
        long version,
        boolean active,
        String name,
        String address,
        GeoPoint home,
        String areaCode,
        String stationId,
        String riskLevel,
        List<String> careCategories,
        CheckInPolicy checkInPolicy,
        SafeZone safeZone,
        VitalThresholds vitalThresholds,
        List<FamilyContact> family,
        List<AssignedVisitor> visitors,
        StationOnDuty station) {

    /**
     * The elder must check in every day by {@code deadline} (local time, HH:mm, Asia/Shanghai);
     * {@code enabled=false} for elders who are not monitored this way.
     */
    public record CheckInPolicy(boolean enabled, String deadline) {
    }

    /** A circle of {@code radiusMeters} around {@code center}; leaving it is an alert when enabled. */
    public record SafeZone(boolean enabled, GeoPoint center, int radiusMeters) {
    }

    /** Bounds outside which sustained readings raise an alert; null bound = not checked. */
    public record VitalThresholds(Integer hrMin, Integer hrMax, Integer spo2Min) {
    }

    /**
     * @param userId   the family member's app user id (null if they have no app: SMS only)
     * @param priority 1 = first to call
     * @param channels where they want alerts: APP, SMS
     */
    public record FamilyContact(String userId, String name, String relation, String phone, int priority,
                                List<String> channels) {
    }

    public record AssignedVisitor(String visitorId, String name, String phone) {
    }

    /**
     * The station that serves the elder, as the second tier of escalation reaches it: the app users
     * on duty there and its duty phone.
     */
    public record StationOnDuty(String stationId, String name, List<String> dutyUserIds, String dutyPhone) {
    }
}
