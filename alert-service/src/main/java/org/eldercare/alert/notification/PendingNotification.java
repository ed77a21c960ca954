package org.eldercare.alert.notification;

import java.util.UUID;

/** A notification claimed for a delivery attempt. {@code payload} is the Notification JSON. */
public record PendingNotification(UUID id, UUID alertId, String channel, String address, String userId, String payload,
                                  int attempts) {
}
