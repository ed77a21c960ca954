package org.eldercare.alert.timer;

import java.time.Instant;
import java.util.UUID;

/** A durable timer that came due. */
public record Timer(long id, TimerKind kind, String key, Instant dueAt, UUID alertId, String payload) {
}
