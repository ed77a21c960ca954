package org.eldercare.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What the platform pushes to an app on {@code eldercare/v1/users/{userId}/notifications}, exactly
 * as device-protocol.md fixes it. {@code actions} are the acks the app may answer with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        String notificationId,
        String alertId,
        String elderId,
        String kind,
        String severity,
        long ts,
        String title,
        String body,
        GeoPoint loc,
        List<String> actions) {
}
