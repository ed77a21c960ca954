package org.eldercare.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Work a transaction leaves for after its commit: notifications to send at once (the retry poller
 * picks up whatever this fast path does not finish) and dispatch grants to ask visit-service for.
 */
public final class AfterCommit {

    public record Grant(String elderId, String visitorId, UUID alertId) {
    }

    private final List<UUID> notifications = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();

    public synchronized void send(UUID notificationId) {
        notifications.add(notificationId);
    }

    public synchronized void grant(Grant g) {
        grants.add(g);
    }

    public synchronized List<UUID> notifications() {
        return List.copyOf(notifications);
    }

    public synchronized List<Grant> grants() {
        return List.copyOf(grants);
    }
}
