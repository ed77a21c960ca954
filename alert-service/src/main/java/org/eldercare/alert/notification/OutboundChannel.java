package org.eldercare.alert.notification;

import io.smallrye.mutiny.Uni;

/**
 * One way of getting a notification to a person or system: the app over MQTT, a signed webhook,
 * an SMS gateway. Success means the other side took it; a failure is retried with back-off.
 */
public interface OutboundChannel {

    /** APP, WEBHOOK or SMS, as in the notifications table. */
    String name();

    /** Completes with a short description of the accepted attempt (e.g. "HTTP 200"), or fails. */
    Uni<String> send(PendingNotification n);
}
