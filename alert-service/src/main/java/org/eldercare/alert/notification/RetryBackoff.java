package org.eldercare.alert.notification;

import java.time.Duration;

/** Exponential back-off between delivery attempts, capped, with a bounded number of attempts. */
public record RetryBackoff(Duration first, Duration max, int maxAttempts) {

    /** Delay before attempt {@code attempt+1} after {@code attempt} failed attempts (attempt >= 1), or null to give up. */
    public Duration after(int attempt) {
        if (attempt >= maxAttempts) {
            return null;
        }
        long ms = first.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
